/* test_begin_timeout: Thread-1's acquire with timeout 0 fires (a global step) while
 * Thread-2's first step (begin) is pending. Regression test: the graph once ordered a begin
 * that came after a global step as independent of it, and drew a step from the state
 * "begin, then the timeout" that no schedule takes (test_graph.c). */
#include <explorer/scenario.h>

ex_lock lock;

void try_lock(void) {
    ex_lock_acquire_timeout(&lock, true, 0);
}

void idle(void) {}

static void scenario_main(void) {
    ex_lock_acquire(&lock);
    ex_thread *t1 = ex_thread_new(try_lock, EX_NO_ARGS, NULL);
    ex_thread *t2 = ex_thread_new(idle, EX_NO_ARGS, NULL);
    ex_thread_start(t1);
    ex_thread_start(t2);
    ex_thread_join(t1);
    ex_thread_join(t2);
    ex_lock_release(&lock);
}

EX_SCENARIO(test_begin_timeout, "test: a timeout races with a thread's begin", scenario_main);
