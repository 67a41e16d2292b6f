/* test_join_timeout: join(timeout) and is_alive() in virtual time.
 * Sleeper sleeps 5 s: join(1) gives up at 1.0 with the thread alive, join() returns at
 * 5.0 with it ended. Thread-1 then sleeps 0.5 s under a join(3) that returns as soon as
 * it ends, at 5.5. Exactly one outcome. */
#include <explorer/scenario.h>

void sleeper(double seconds) {
    ex_sleep(seconds);
    printf("%s woke at %.1f\n", ex_current_name(), ex_time());
}

static void scenario_main(void) {
    ex_thread *t = ex_thread_new(sleeper, EX_ARGS(5.0), "Sleeper");
    printf("before start: alive=%d\n", ex_thread_is_alive(t));
    ex_thread_start(t);
    ex_thread_join_timeout(t, 1.0);
    printf("after join(1): alive=%d at %.1f\n", ex_thread_is_alive(t), ex_time());
    ex_thread_join(t);
    printf("after join(): alive=%d at %.1f\n", ex_thread_is_alive(t), ex_time());
    ex_thread *quick = ex_thread_new(sleeper, EX_ARGS(0.5), NULL);
    ex_thread_start(quick);
    ex_thread_join_timeout(quick, 3.0);
    printf("after join(3): alive=%d at %.1f\n", ex_thread_is_alive(quick), ex_time());
}

EX_SCENARIO(test_join_timeout, "tests: join(timeout) and is_alive() in virtual time",
            scenario_main);
