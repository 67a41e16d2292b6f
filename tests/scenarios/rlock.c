/* test_rlock: an RLock is reentrant for its owner and exclusive for everyone else.
 * MainThread acquires rlock twice (no deadlock), starts Thread-1, which must wait until
 * both releases before it gets the lock: every interleaving prints the same four lines,
 * and the lock ends unlocked. */
#include <explorer/scenario.h>

ex_rlock rlock;

void contender(void) {
    ex_rlock_acquire(&rlock);
    puts("Thread-1 holds it");
    ex_rlock_release(&rlock);
}

static void scenario_main(void) {
    ex_rlock_acquire(&rlock);
    ex_rlock_acquire(&rlock);
    ex_thread *t = ex_thread_new(contender, EX_NO_ARGS, NULL);
    ex_thread_start(t);
    puts("main holds it twice");
    ex_rlock_release(&rlock);
    puts("main released once");
    ex_rlock_release(&rlock);
    ex_thread_join(t);
    printf("locked=%d\n", ex_lock_locked(&rlock));
}

EX_SCENARIO(test_rlock, "tests: an RLock taken twice by its owner, exclusive for others (holds)",
            scenario_main);
