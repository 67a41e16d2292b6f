/* thread_pool_racy: thread_pool's queue without its lock.
 * From the same program as thread_pool (seed 003, "线程池", python3-cookbook 12.7), with the
 * Lock and the Conditions taken out of the task queue. Without a Condition a worker cannot
 * wait for work (it would have to spin, and a spinning loop makes the search unbounded),
 * so here every task is submitted before the workers start, and a worker ends when it
 * finds the queue empty; main joins the workers, then reads the results.
 *
 * Taking a task is now three steps on pool_head: `pool_head >= pool_tail` (is it empty?),
 * `pool_queue[pool_head]` (the head task), `pool_head = pool_head + 1` (a read and a write).
 * Two workers can both read the same head and run the same task twice, and their
 * increments can then skip the next task, which is lost: it never runs and its result
 * never arrives (a real result() would wait forever). The check that every task ran exactly
 * once fails; the outputs show which.
 *
 * Atomicity modelled: none; in CPython, deque.popleft() on the queue's deque would be atomic
 * under the GIL, but the pool's own head index (as here) is not, and queue.Queue is locked
 * precisely so that no code relies on the GIL. */
#include <explorer/scenario.h>

#include <stdbool.h>
#include <stdlib.h>

EX_PARAM(workers, 2, "worker threads in the pool");
EX_PARAM(tasks, 2, "tasks submitted (at most 8)");

typedef int (*task_fn)(int);

typedef struct future {
    task_fn fn;
    int arg;
    int result;
    bool done;
    int runs; /* how many times a worker ran it: must end at 1 */
} future;

/* the pool: a FIFO of futures, with no lock */
future *pool_queue[8];
int pool_head, pool_tail;
ex_thread *pool_threads[8];

void pool_worker(void) {
    while (true) {
        if (pool_head >= pool_tail) /* empty: this worker is done */
            return;
        future *f = pool_queue[pool_head];
        pool_head = pool_head + 1;

        int result = f->fn(f->arg);

        f->result = result;
        f->runs = f->runs + 1;
        f->done = true;
    }
}

/* pool.submit(fn, arg), before any worker runs */
future *pool_submit(task_fn fn, int arg) {
    future *f = calloc(1, sizeof *f);
    f->fn = fn;
    f->arg = arg;
    pool_queue[pool_tail] = f;
    pool_tail = pool_tail + 1;
    return f;
}

int work(int x) {
    return x * x;
}

static void scenario_main(void) {
    future *futures[8];
    int n = tasks < 8 ? (int)tasks : 8;
    for (int i = 0; i < n; i++)
        futures[i] = pool_submit(work, i + 1);
    for (int i = 0; i < workers; i++) {
        pool_threads[i] = ex_thread_new(pool_worker, EX_NO_ARGS, NULL);
        ex_thread_start(pool_threads[i]);
    }
    for (int i = 0; i < workers; i++)
        ex_thread_join(pool_threads[i]);
    bool each_once = true;
    for (int i = 0; i < n; i++) {
        future *f = futures[i];
        if (f->done)
            printf("work(%d) = %d, run %d time(s)\n", f->arg, f->result, f->runs);
        else
            printf("work(%d): lost, never run\n", f->arg);
        each_once = each_once && f->runs == 1;
    }
    EX_CHECK(each_once);
}

EX_SCENARIO(thread_pool_racy,
            "seed 003 线程池: the pool's task queue without its lock (a task lost or run twice)",
            scenario_main);
