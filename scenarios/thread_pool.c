/* thread_pool: a fixed pool of worker threads over a task queue, with submit() and
 * result().
 * From seed 003's last section, "线程池" (thread pool), which only links to python3-cookbook
 * 12.7, "创建一个线程池" (creating a thread pool). The cookbook's pool is
 * concurrent.futures.ThreadPoolExecutor:
 *
 *     pool = ThreadPoolExecutor(2)
 *     a = pool.submit(work, 1)
 *     b = pool.submit(work, 2)
 *     x = a.result()
 *     y = b.result()
 *
 * and its hand-made variant, worker threads that loop on `q.get()` of a queue.Queue. The C
 * port builds the queue itself, as queue.Queue is built: one Lock (pool_lock) and two
 * Conditions over it, pool_not_empty (a worker waits for a task) and pool_done (result()
 * waits for its future). submit() appends under the lock and notifies one worker; a worker
 * takes the head under the lock, runs the task outside it, and stores the result under it;
 * shutdown() (the cookbook's `with` block, shutdown(wait=True)) tells the workers to stop
 * once the queue is empty and joins them.
 *
 * Verified in every interleaving: every task runs exactly once and every result arrives
 * (result() never waits forever: that would be a deadlock) and is right. thread_pool_racy
 * is the same queue without the lock.
 *
 * Parameters: the defaults, 2 workers and 2 tasks, take 54080 executions (about 1 s);
 * -p tasks=3 takes 4038928 executions, about 70 s (run it with --time-limit 0).
 *
 * Atomicity modelled: Python's queue.Queue is locked, so no GIL atomicity is assumed: every
 * read and write of the queue, the futures and the flags is a step, and only the lock makes
 * the queue operations indivisible. */
#include <explorer/scenario.h>

#include <stdbool.h>
#include <stdlib.h>

EX_PARAM(workers, 2, "worker threads in the pool (ThreadPoolExecutor(2))");
EX_PARAM(tasks, 2, "tasks submitted (at most 8)");

typedef int (*task_fn)(int);

typedef struct future {
    task_fn fn;
    int arg;
    int result;
    bool done;
    int runs; /* how many times a worker ran it: must end at 1 */
} future;

/* the pool: a FIFO of futures, guarded by pool_lock */
ex_lock pool_lock;
ex_condition pool_not_empty; /* over pool_lock: a task was queued, or shutdown */
ex_condition pool_done;      /* over pool_lock: a future got its result */
future *pool_queue[8];
int pool_head, pool_tail;
bool pool_closing;
ex_thread *pool_threads[8];

void pool_worker(void) {
    while (true) {
        ex_lock_acquire(&pool_lock);
        while (pool_head == pool_tail && !pool_closing)
            ex_condition_wait(&pool_not_empty);
        if (pool_head == pool_tail) { /* closing, and nothing left to do */
            ex_lock_release(&pool_lock);
            return;
        }
        future *f = pool_queue[pool_head];
        pool_head = pool_head + 1;
        ex_lock_release(&pool_lock);

        int result = f->fn(f->arg); /* the task runs outside the lock */

        ex_lock_acquire(&pool_lock);
        f->result = result;
        f->runs = f->runs + 1;
        f->done = true;
        ex_condition_notify_all(&pool_done);
        ex_lock_release(&pool_lock);
    }
}

/* pool = ThreadPoolExecutor(n) */
void pool_start(int n) {
    ex_condition_use(&pool_not_empty, &pool_lock);
    ex_condition_use(&pool_done, &pool_lock);
    for (int i = 0; i < n; i++) {
        pool_threads[i] = ex_thread_new(pool_worker, EX_NO_ARGS, NULL);
        ex_thread_start(pool_threads[i]);
    }
}

/* pool.submit(fn, arg) */
future *pool_submit(task_fn fn, int arg) {
    future *f = calloc(1, sizeof *f);
    f->fn = fn;
    f->arg = arg;
    ex_lock_acquire(&pool_lock);
    pool_queue[pool_tail] = f;
    pool_tail = pool_tail + 1;
    ex_condition_notify(&pool_not_empty, 1);
    ex_lock_release(&pool_lock);
    return f;
}

/* future.result(): waits until a worker has stored it */
int future_result(future *f) {
    ex_lock_acquire(&pool_lock);
    while (!f->done)
        ex_condition_wait(&pool_done);
    int result = f->result;
    ex_lock_release(&pool_lock);
    return result;
}

/* pool.shutdown(wait=True) */
void pool_shutdown(int n) {
    ex_lock_acquire(&pool_lock);
    pool_closing = true;
    ex_condition_notify_all(&pool_not_empty);
    ex_lock_release(&pool_lock);
    for (int i = 0; i < n; i++)
        ex_thread_join(pool_threads[i]);
}

int work(int x) {
    return x * x;
}

static void scenario_main(void) {
    future *futures[8];
    int n = tasks < 8 ? (int)tasks : 8;
    pool_start((int)workers);
    for (int i = 0; i < n; i++)
        futures[i] = pool_submit(work, i + 1);
    for (int i = 0; i < n; i++) {
        int result = future_result(futures[i]);
        printf("work(%d) = %d\n", i + 1, result);
        EX_CHECK(result == (i + 1) * (i + 1));
    }
    pool_shutdown((int)workers);
    for (int i = 0; i < n; i++)
        EX_CHECK(futures[i]->runs == 1);
}

EX_SCENARIO(thread_pool,
            "seed 003 线程池 (cookbook 12.7): a pool over a Lock+Condition queue (holds)",
            scenario_main);
