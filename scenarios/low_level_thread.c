/* low_level_thread: seed 003's _thread program (Python 2's `thread` module).
 * From seed 003, section "一个thread模块的例子（不建议使用，py2可用）":
 *
 *     def runner(arg):
 *         for i in range(6):
 *             print(str(i)+':'+arg)
 *             time.sleep(1)
 *         thread.exit_thread()
 *     thread.start_new_thread(runner, ('hello world',))
 *     lock = thread.allocate_lock()
 *     num = 0
 *     if lock.acquire():
 *         num += 1
 *         lock.release()
 *     # thread模块提供的线程都将在主线程结束后同时结束，因此将主线程延迟结束
 *     time.sleep(10)
 *     print('num:'+str(num))
 *
 * The seed's comment: "threads of the thread module all end when the main thread ends, so
 * delay the end of the main thread" -- it waits with sleep(10) instead of a join. The
 * explorer's _thread threads are daemons: they die with MainThread.
 *
 * In virtual time the runner's six lines come at 0..5 s and MainThread wakes at 10 s:
 * one outcome, all six lines then "num:1". With --timing-agnostic the sleep(10) orders
 * nothing: MainThread can print and end at any point, and the runner's output is cut
 * short (0 to 6 lines, some of them possibly after "num:1", before MainThread's exit). */
#include <explorer/scenario.h>

EX_PARAM(lines, 6, "the runner's range(6): lines it prints");

int num = 0;
ex_lock *lock;

void runner(const char *arg) {
    for (int i = 0; i < lines; i++) {
        printf("%d:%s\n", i, arg);
        ex_sleep(1);
    }
    ex_thread_exit(); /* 结束当前线程 (end the current thread) */
}

static void scenario_main(void) {
    /* 启动一个线程 (start a thread): the function, and its arguments as a tuple */
    ex_start_new_thread(runner, EX_ARGS("hello world"));
    /* 创建一个锁 (create a lock) */
    lock = ex_allocate_lock();
    num = 0;
    if (ex_lock_acquire(lock)) {
        num += 1;
        ex_lock_release(lock);
    }
    /* 将主线程延迟结束 (delay the end of the main thread) */
    ex_sleep(10);
    printf("num:%d\n", num);
}

EX_SCENARIO(low_level_thread,
            "seed 003 thread模块: start_new_thread, allocate_lock, exit; main sleeps 10 s",
            scenario_main);
