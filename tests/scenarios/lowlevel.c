/* test_lowlevel: the `_thread` module. MainThread allocates a lock, acquires it, and starts a
 * thread with start_new_thread; the thread prints, releases the lock (a plain Lock may be
 * released by any thread) and calls exit() before its last line. MainThread's second
 * acquire waits for that release: exactly one outcome, "worker\nmain\n". */
#include <explorer/scenario.h>

ex_lock *done;

void worker(int id) {
    printf("worker\n");
    ex_lock_release(done);
    ex_thread_exit();
    printf("not reached %d\n", id);
}

static void scenario_main(void) {
    done = ex_allocate_lock();
    ex_lock_acquire(done);
    ex_start_new_thread(worker, EX_ARGS(1));
    ex_lock_acquire(done);
    printf("main\n");
}

EX_SCENARIO(test_lowlevel, "tests: _thread.start_new_thread, allocate_lock and exit",
            scenario_main);
