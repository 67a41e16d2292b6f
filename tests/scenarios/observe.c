/* test_observe: is_alive() and locked() observe other threads without being steps of
 * their own; the value depends on how far the other thread got before MainThread's
 * previous step (its write of `flag`). Thread-1 either has not run, or has run to its end.
 *   what 0: Thread-1 does nothing: MainThread prints alive=1 or alive=0
 *   what 1: Thread-1 acquires lock_a (and ends holding it): locked=0 or locked=1 */
#include <explorer/scenario.h>

EX_PARAM(what, 0, "0 is_alive(), 1 locked()");

int flag;
ex_lock lock_a;

void nothing(void) {}

void take(void) {
    ex_lock_acquire(&lock_a);
}

static void scenario_main(void) {
    ex_thread *t = ex_thread_new(what == 0 ? nothing : take, EX_NO_ARGS, NULL);
    ex_thread_start(t);
    flag = 1;
    if (what == 0)
        printf("alive=%d\n", ex_thread_is_alive(t));
    else
        printf("locked=%d\n", ex_lock_locked(&lock_a));
    ex_thread_join(t);
}

EX_SCENARIO(test_observe, "tests: is_alive() and locked() see how far another thread got",
            scenario_main);
