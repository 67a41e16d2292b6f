/* deadlock_two_locks: two threads take two locks in opposite orders.
 * From seed 001, section "Lock" (prose only, no program): "由于可以存在多个锁，不同的线程
 * 持有不同的锁，并试图获取对方持有的锁时，可能会造成死锁，导致多个线程全部挂起，既不能执行，
 * 也无法结束，只能靠操作系统强制终止" (with several locks, threads holding different locks
 * and each trying to take the other's can deadlock: all hang, neither running nor ending,
 * until the OS kills them).
 *
 *     lock_a = threading.Lock(); lock_b = threading.Lock()
 *     def transfer_ab(): with lock_a: with lock_b: print(...)
 *     def transfer_ba(): with lock_b: with lock_a: print(...)
 *
 * The explorer finds the schedules where each thread holds its first lock and waits for
 * the other's, and names both locks and their holders. The others finish. */
#include <explorer/scenario.h>

ex_lock lock_a;
ex_lock lock_b;

void transfer_ab(void) {
    ex_lock_acquire(&lock_a); /* ab takes lock_a */
    ex_lock_acquire(&lock_b); /* ab takes lock_b */
    printf("%s holds lock_a and lock_b\n", ex_current_name());
    ex_lock_release(&lock_b);
    ex_lock_release(&lock_a);
}

void transfer_ba(void) {
    ex_lock_acquire(&lock_b); /* ba takes lock_b */
    ex_lock_acquire(&lock_a); /* ba takes lock_a */
    printf("%s holds lock_b and lock_a\n", ex_current_name());
    ex_lock_release(&lock_a);
    ex_lock_release(&lock_b);
}

static void scenario_main(void) {
    ex_thread *t1 = ex_thread_new(transfer_ab, EX_NO_ARGS, NULL);
    ex_thread *t2 = ex_thread_new(transfer_ba, EX_NO_ARGS, NULL);
    ex_thread_start(t1);
    ex_thread_start(t2);
    ex_thread_join(t1); /* main joins Thread-1 */
    ex_thread_join(t2);
    printf("done\n");
}

EX_SCENARIO(deadlock_two_locks,
            "seed 001 Lock (prose): two threads take two locks in opposite orders (deadlock)",
            scenario_main);
