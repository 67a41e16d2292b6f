/* time.sleep and time.time in virtual time: a sleep is a step that becomes enabled when no
 * untimed step is and its deadline is the earliest; taking it moves the clock there. */
#include "execution/runtime.h"
#include "execution/scheduler.h"
#include "search/stateful/state.h"

void ex_sleep(double seconds) {
    ex_runtime *rt = ex_rt;
    double deadline = rt->exec.clock + (seconds > 0 ? seconds : 0);
    ex_op op = {.kind = EX_OP_SLEEP, .deadline = deadline, .pc = __builtin_return_address(0)};
    ex_step(rt, op);
    ex_clock_reach(rt, deadline);
}

double ex_time(void) {
    ex_state_note(ex_rt, &ex_rt->exec.clock, sizeof ex_rt->exec.clock);
    return ex_rt->exec.clock;
}
