/* test_lock_timeout: acquire(blocking=False) and acquire(timeout) in virtual time.
 * MainThread holds lock_a and sleeps 4 s. Thread-1's non-blocking try fails at once, its
 * timed acquire gives up at 1.5 s, its blocking acquire succeeds when MainThread releases
 * at 4 s. Exactly one outcome. */
#include <explorer/scenario.h>

ex_lock lock_a;

void contender(void) {
    bool got = ex_lock_acquire_timeout(&lock_a, false, -1);
    printf("try: %d at %.1f\n", got, ex_time());
    got = ex_lock_acquire_timeout(&lock_a, true, 1.5);
    printf("timed: %d at %.1f\n", got, ex_time());
    got = ex_lock_acquire(&lock_a);
    printf("blocking: %d at %.1f\n", got, ex_time());
    ex_lock_release(&lock_a);
}

static void scenario_main(void) {
    ex_lock_acquire(&lock_a);
    ex_thread *t = ex_thread_new(contender, EX_NO_ARGS, NULL);
    ex_thread_start(t);
    ex_sleep(4);
    printf("main releases at %.1f\n", ex_time());
    ex_lock_release(&lock_a);
    ex_thread_join(t);
    printf("locked: %d\n", ex_lock_locked(&lock_a));
}

EX_SCENARIO(test_lock_timeout, "tests: non-blocking and timed Lock acquire in virtual time",
            scenario_main);
