/* time.sleep and time.time in virtual time: a sleep is a step that becomes enabled when no
 * untimed step is and its deadline is the earliest; taking it moves the clock there. */
#include "execution/runtime.h"
#include "execution/scheduler.h"
#include "search/stateful/state.h"

#include <math.h>

/* A sleep's length must be a finite number of seconds, 0 or more (Python's time.sleep
 * refuses negative and NaN lengths; an infinite one would never end). */
static void check_length(ex_runtime *rt, double seconds) {
    if (isnan(seconds))
        ex_misuse(rt, "ValueError: Invalid value NaN (not a number) for ex_sleep");
    if (seconds < 0)
        ex_misuse(rt, "ValueError: sleep length must be non-negative");
    if (isinf(seconds))
        ex_misuse(rt, "OverflowError: sleep length is infinite");
}

void ex_sleep(double seconds) {
    ex_runtime *rt = ex_rt;
    check_length(rt, seconds);
    double deadline = rt->exec.clock + seconds;
    ex_op op = {.kind = EX_OP_SLEEP, .deadline = deadline, .pc = __builtin_return_address(0)};
    ex_step(rt, op);
    ex_clock_reach(rt, deadline);
}

double ex_time(void) {
    ex_state_note(ex_rt, &ex_rt->exec.clock, sizeof ex_rt->exec.clock);
    return ex_rt->exec.clock;
}
