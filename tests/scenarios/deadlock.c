/* test_deadlock: executions where no thread can move. `kind` picks the wait:
 *   0  two threads take lock_a and lock_b in opposite orders (some schedules deadlock,
 *      the others print "done")
 *   1  MainThread acquires the plain Lock lock_a twice (self-deadlock)
 *   2  MainThread holds lock_b and joins Thread-1, which waits for lock_b
 *   3  MainThread holds pair[1] and returns: it waits at exit for Thread-1, which waits
 *      for pair[1] (named pair+N, N the size of an ex_lock)
 *   4  as 2 with a lock from ex_allocate_lock() (named by its heap offset)
 * The comments mark the lines the deadlock messages name (test_runtime.c finds them). */
#include <explorer/scenario.h>

EX_PARAM(kind, 0, "which deadlock (0-4)");

ex_lock lock_a, lock_b;
ex_lock pair[2];

void take_ab(void) {
    ex_lock_acquire(&lock_a); /* ab: a */
    ex_lock_acquire(&lock_b); /* ab: b */
    ex_lock_release(&lock_b);
    ex_lock_release(&lock_a);
}

void take_ba(void) {
    ex_lock_acquire(&lock_b); /* ba: b */
    ex_lock_acquire(&lock_a); /* ba: a */
    ex_lock_release(&lock_a);
    ex_lock_release(&lock_b);
}

void take(ex_lock *lock) {
    ex_lock_acquire(lock); /* take */
    puts("not reached");
}

static void scenario_main(void) {
    ex_thread *t1, *t2;
    ex_lock *heap_lock;
    switch (kind) {
    case 0:
        t1 = ex_thread_new(take_ab, EX_NO_ARGS, NULL);
        t2 = ex_thread_new(take_ba, EX_NO_ARGS, NULL);
        ex_thread_start(t1);
        ex_thread_start(t2);
        ex_thread_join(t1); /* 0: join */
        ex_thread_join(t2);
        puts("done");
        break;
    case 1:
        ex_lock_acquire(&lock_a); /* 1: first */
        puts("before");
        ex_lock_acquire(&lock_a); /* 1: second */
        puts("not reached");
        break;
    case 2:
        ex_lock_acquire(&lock_b); /* 2: acquire */
        t1 = ex_thread_new(take, EX_ARGS((void *)&lock_b), NULL);
        ex_thread_start(t1);
        ex_thread_join(t1); /* 2: join */
        puts("not reached");
        break;
    case 3:
        ex_lock_acquire(&pair[1]); /* 3: acquire */
        t1 = ex_thread_new(take, EX_ARGS((void *)&pair[1]), NULL);
        ex_thread_start(t1);
        break;
    case 4:
        heap_lock = ex_allocate_lock();
        ex_lock_acquire(heap_lock); /* 4: acquire */
        t1 = ex_thread_new(take, EX_ARGS((void *)heap_lock), NULL);
        ex_thread_start(t1);
        ex_thread_join(t1); /* 4: join */
        puts("not reached");
        break;
    }
}

EX_SCENARIO(test_deadlock, "tests: lock-order, self, join and exit deadlocks", scenario_main);
