/* balance_locked: the tutorial's bank balance with the lock.
 * From seeds 000-003 ("Lock"): each change_it runs between lock.acquire() and, in a
 * `finally`, lock.release(). The explorer proves the balance ends at 0 in every
 * interleaving (for the iterations an exhaustive search can reach). */
#include <explorer/scenario.h>

EX_PARAM(iterations, 100000, "loop iterations per thread (the tutorial's 100000)");

int balance = 0;
ex_lock lock; /* lock = threading.Lock() */

void change_it(int n) {
    balance = balance + n;
    balance = balance - n;
}

void run_thread(int n) {
    for (long i = 0; i < iterations; i++) {
        /* 先要获取锁: (first take the lock) */
        ex_lock_acquire(&lock);
        /* try: 放心地改吧 (change it without worry) */
        change_it(n);
        /* finally: 改完了一定要释放锁 (always release the lock when done) */
        ex_lock_release(&lock);
    }
}

static void scenario_main(void) {
    ex_thread *t1 = ex_thread_new(run_thread, EX_ARGS(5), NULL);
    ex_thread *t2 = ex_thread_new(run_thread, EX_ARGS(8), NULL);
    ex_thread_start(t1);
    ex_thread_start(t2);
    ex_thread_join(t1);
    ex_thread_join(t2);
    printf("%d\n", balance);
    EX_CHECK(balance == 0);
}

EX_SCENARIO(balance_locked,
            "seeds 000-003 Lock: the same balance with lock.acquire()/release() (holds)",
            scenario_main);
