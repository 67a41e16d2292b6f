/* balance_coarse: seed 004's lock held around the whole loop.
 * From seed 004, section "### 线程锁", `In [12]` ("有了锁，并发程度降低，但是线程安全" -- with
 * the lock, less concurrency, but thread-safe): runthread takes the lock once, runs all
 * 1000000 iterations of change(n) inside `try`, and releases it in `finally`.
 *
 * With the lock around the loop, the second thread cannot take a single step on `balance`
 * before the first has released it: the two threads never overlap, and the only choice
 * left is which one takes the lock first. Partial-order reduction therefore runs exactly
 * 2 executions at every iteration count, the default 1000000 included (each execution is
 * 8000016 steps, under the default --max-steps of 10000000): a proof at the tutorial's own
 * scale, where balance_locked (a lock per iteration) has C(2n, n) lock orders.
 *
 * Atomicity modelled: as balance_augmented, `balance += n` is a read step and a write step;
 * the lock is what makes the whole loop one indivisible block. */
#include <explorer/scenario.h>

EX_PARAM(iterations, 1000000, "loop iterations per thread (seed 004's 1000000)");

ex_lock lock; /* lock = threading.Lock()    # Add the lock */

int balance = 0;

void change(int n) {
    balance += n;
    balance -= n;
}

void runthread(int n) {
    ex_lock_acquire(&lock); /* 获取锁 (take the lock) */
    /* try: */
    for (long i = 0; i < iterations; i++)
        change(n);
    /* finally: */
    ex_lock_release(&lock); /* 释放锁 (release the lock) */
}

static void scenario_main(void) {
    ex_thread *t1 = ex_thread_new(runthread, EX_ARGS(5), NULL);
    ex_thread *t2 = ex_thread_new(runthread, EX_ARGS(8), NULL);
    ex_thread_start(t1);
    ex_thread_start(t2);
    ex_thread_join(t1);
    ex_thread_join(t2);
    printf("%d\n", balance);
    EX_CHECK(balance == 0);
}

EX_SCENARIO(balance_coarse,
            "seed 004 线程锁 In [12]: one lock around the whole loop (holds; 2 lock orders)",
            scenario_main);
