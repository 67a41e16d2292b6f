/* test_runaways: every execution ends as a runaway. Three threads each write `x` (a race:
 * several executions) and then spin without a visible operation. For checking by hand
 * that --time-limit holds whatever the executions look like (docs/performance.md):
 * `time explorer run test_runaways --time-limit 2` ends between 2.0 and 2.2 s. */
#include <explorer/scenario.h>

int x;

void write_and_spin(int value) {
    x = value;
    for (volatile unsigned long n = 0;; n++)
        ;
}

static void scenario_main(void) {
    for (int i = 1; i <= 3; i++)
        ex_thread_start(ex_thread_new(write_and_spin, EX_ARGS(i), NULL));
    puts("not reached");
}

EX_SCENARIO(test_runaways, "tests: three threads that race on x, then spin (runaways)",
            scenario_main);
