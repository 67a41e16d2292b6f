/* rlock_reentrant: a thread acquires an RLock twice and releases it twice.
 * From seed 003, section "带锁RLock" (the comment block after the program): "RLock对象允许
 * 一个线程多次对其进行acquire操作，因为在其内部通过一个counter变量维护着线程acquire的次数。
 * 而且每一次的acquire操作必须有一个release操作与之对应" (an RLock lets one thread acquire it
 * several times: it counts the acquires, and each needs a matching release).
 *
 *     lock = threading.RLock()
 *     def worker():
 *         lock.acquire(); print('acquired once')
 *         lock.acquire(); print('acquired twice')
 *         lock.release(); lock.release(); print('released twice')
 *
 * One outcome, ok: the second acquire by the owner does not wait, and after two releases
 * the lock is free again. lock_reacquire is the same program with a plain Lock. */
#include <explorer/scenario.h>

ex_rlock lock; /* lock = threading.RLock() */

void worker(void) {
    ex_rlock_acquire(&lock);
    printf("%s acquired once\n", ex_current_name());
    ex_rlock_acquire(&lock); /* the owner again: the counter goes to 2 */
    printf("%s acquired twice\n", ex_current_name());
    ex_rlock_release(&lock);
    ex_rlock_release(&lock);
    printf("%s released twice\n", ex_current_name());
}

static void scenario_main(void) {
    ex_thread *t = ex_thread_new(worker, EX_NO_ARGS, NULL);
    ex_thread_start(t);
    ex_thread_join(t);
    printf("locked: %s\n", ex_lock_locked(&lock) ? "True" : "False");
    EX_CHECK(!ex_lock_locked(&lock));
}

EX_SCENARIO(rlock_reentrant,
            "seed 003 RLock: one thread acquires an RLock twice, releases twice (holds)",
            scenario_main);
