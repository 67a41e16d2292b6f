/* test_bad_args: one bad argument to the API per `kind`, in MainThread. Each must end the
 * execution as a misuse, not crash the explorer (nor trip a sanitizer in its own build):
 *   0  ex_thread_join(NULL)        4  ex_sleep(NaN)
 *   1  ex_lock_release(NULL)       5  ex_sleep(-1)
 *   2  ex_condition_wait(NULL)     6  ex_sleep(infinity)
 *   3  ex_event_set(NULL) */
#include <explorer/scenario.h>

#include <math.h>

EX_PARAM(kind, 0, "which bad argument (0-6)");

static void scenario_main(void) {
    switch (kind) {
    case 0:
        ex_thread_join(NULL);
        break;
    case 1:
        ex_lock_release(NULL);
        break;
    case 2:
        ex_condition_wait(NULL);
        break;
    case 3:
        ex_event_set(NULL);
        break;
    case 4:
        ex_sleep(NAN);
        break;
    case 5:
        ex_sleep(-1);
        break;
    case 6:
        ex_sleep(INFINITY);
        break;
    }
    puts("not reached");
}

EX_SCENARIO(test_bad_args, "tests: NULL objects and bad sleeps passed to the API", scenario_main);
