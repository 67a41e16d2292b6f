/* lock_reacquire: rlock_reentrant's program with a plain Lock.
 * From seed 003, section "带锁RLock" (the comment block after the program): "对于Lock对象
 * 而言，如果一个线程连续两次进行acquire操作，那么由于第一次acquire之后没有release，第二次
 * acquire将挂起线程。这会导致Lock对象永远不会release，使得线程死锁" (with a Lock, a thread
 * that acquires twice in a row hangs in the second acquire: the Lock is never released
 * and the thread deadlocks).
 *
 * The explorer reports it as a deadlock of a single thread: Thread-1 waits for the lock it
 * holds itself (and MainThread waits to join Thread-1). */
#include <explorer/scenario.h>

ex_lock lock; /* lock = threading.Lock() */

void worker(void) {
    ex_lock_acquire(&lock); /* acquire once */
    printf("%s acquired once\n", ex_current_name());
    /* the owner again: a Lock does not know its owner, it waits */
    ex_lock_acquire(&lock); /* acquire again */
    printf("%s acquired twice\n", ex_current_name());
    ex_lock_release(&lock);
    ex_lock_release(&lock);
    printf("%s released twice\n", ex_current_name());
}

static void scenario_main(void) {
    ex_thread *t = ex_thread_new(worker, EX_NO_ARGS, NULL);
    ex_thread_start(t);
    ex_thread_join(t); /* join */
    printf("locked: %s\n", ex_lock_locked(&lock) ? "True" : "False");
    EX_CHECK(!ex_lock_locked(&lock));
}

EX_SCENARIO(lock_reacquire,
            "seed 003 RLock's note: a plain Lock acquired twice by one thread (deadlock)",
            scenario_main);
