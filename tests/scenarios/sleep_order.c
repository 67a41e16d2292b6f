/* test_sleep_order: sleeps order threads in virtual time. A sleeps 2 s, B sleeps 1 s, each
 * then prints its name: B wakes first in every interleaving, so there is exactly one
 * outcome, "B\nA\n" (with timing_agnostic, both orders). */
#include <explorer/scenario.h>

void nap(double seconds) {
    ex_sleep(seconds);
    puts(ex_current_name());
}

static void scenario_main(void) {
    ex_thread *a = ex_thread_new(nap, EX_ARGS(2.0), "A");
    ex_thread *b = ex_thread_new(nap, EX_ARGS(1.0), "B");
    ex_thread_start(a);
    ex_thread_start(b);
    ex_thread_join(a);
    ex_thread_join(b);
}

EX_SCENARIO(test_sleep_order, "tests: a 2 s and a 1 s sleeper wake in virtual-time order",
            scenario_main);
