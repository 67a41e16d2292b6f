/* join_timeout: join(timeout) returns while the thread still runs; is_alive() says so.
 * From seed 003, section "threading.Thread类的常用方法": "6.join([timeout])，等待另一线程
 * 结束后再运行。" (wait for another thread to end) and "9.isAlive()，检查线程是否在运行中。"
 * (is the thread running). The seed's wording for join leaves out what the timeout does:
 * join(timeout) waits *at most* that long and returns either way, with no result; only
 * is_alive() tells whether the thread ended. Python 3 spells them join(timeout) and
 * is_alive().
 *
 *     t = threading.Thread(target=loop, name='LoopThread')   # the tutorial's loop, 5 s
 *     t.start()
 *     t.join(2.5)
 *     print('after join(2.5): LoopThread is_alive() = %s' % t.is_alive())
 *     t.join()
 *     print('after join(): LoopThread is_alive() = %s' % t.is_alive())
 *
 * In virtual time: one outcome; the join(2.5) returns at 2.5 s, after ">>> 3", with the
 * thread alive, and the plain join() waits for the end. With --timing-agnostic the timeout
 * may fire at any step: the first print can fall anywhere in LoopThread's output, and it says
 * True before LoopThread ends and False after. */
#include <explorer/scenario.h>

#include <stdbool.h>

void loop(void) {
    printf("thread %s is running...\n", ex_current_name());
    int n = 0;
    while (n < 5) {
        n = n + 1;
        printf("thread %s >>> %d\n", ex_current_name(), n);
        ex_sleep(1);
    }
    printf("thread %s ended.\n", ex_current_name());
}

static const char *py_bool(bool b) {
    return b ? "True" : "False";
}

static void scenario_main(void) {
    ex_thread *t = ex_thread_new(loop, EX_NO_ARGS, "LoopThread");
    ex_thread_start(t);
    ex_thread_join_timeout(t, 2.5);
    printf("after join(2.5): %s is_alive() = %s\n", ex_thread_name(t),
           py_bool(ex_thread_is_alive(t)));
    ex_thread_join(t);
    printf("after join(): %s is_alive() = %s\n", ex_thread_name(t), py_bool(ex_thread_is_alive(t)));
    EX_CHECK(!ex_thread_is_alive(t));
}

EX_SCENARIO(join_timeout,
            "seed 003 join([timeout]), isAlive(): join(2.5) returns with the thread alive",
            scenario_main);
