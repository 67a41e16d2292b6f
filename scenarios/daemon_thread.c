/* daemon_thread: a daemon thread is abandoned when the program ends; a non-daemon thread
 * is waited for.
 * From seed 003, section "threading.Thread类的常用方法" (the Thread methods):
 * "7.setDaemon(bool)，设置子线程是否随主线程一起结束，必须在start()之前调用。默认为False。
 * 8.isDaemon()，判断线程是否随主线程一起结束。" (setDaemon: whether the thread ends with the
 * main thread; call it before start(); False by default. isDaemon: ask it.) The seed has no
 * program for it; this one follows LoopThread's style:
 *
 *     def tick():                     # DaemonThread: a line a second, five times
 *         for n in range(1, 6):
 *             time.sleep(1); print('thread %s >>> %s' % (current_thread().name, n))
 *     def work():                     # Worker: 2.5 s of work
 *         time.sleep(2.5); print('thread %s done.' % current_thread().name)
 *     d = threading.Thread(target=tick, name='DaemonThread'); d.setDaemon(True)
 *     w = threading.Thread(target=work, name='Worker')
 *     d.start(); w.start()
 *     print('thread MainThread ended.')
 *
 * MainThread's function returns at once, but the program waits for Worker (non-daemon)
 * and not for DaemonThread: in virtual time the daemon prints >>> 1 and >>> 2, Worker ends
 * at 2.5 s, and the program ends there, the daemon abandoned in its third sleep. One
 * outcome. With -p daemon=0 the ticker is an ordinary thread and all five lines print. */
#include <explorer/scenario.h>

EX_PARAM(daemon, 1, "1: the ticker is a daemon thread (setDaemon(True)); 0: it is not");

void tick(void) {
    for (int n = 1; n <= 5; n++) {
        ex_sleep(1);
        printf("thread %s >>> %d\n", ex_current_name(), n);
    }
}

void work(void) {
    ex_sleep(2.5);
    printf("thread %s done.\n", ex_current_name());
}

static void scenario_main(void) {
    ex_thread *d = ex_thread_new(tick, EX_NO_ARGS, "DaemonThread");
    ex_thread_set_daemon(d, daemon); /* before start(), as Python requires */
    ex_thread *w = ex_thread_new(work, EX_NO_ARGS, "Worker");
    printf("DaemonThread.isDaemon() = %s, Worker.isDaemon() = %s\n",
           ex_thread_is_daemon(d) ? "True" : "False", ex_thread_is_daemon(w) ? "True" : "False");
    ex_thread_start(d);
    ex_thread_start(w);
    printf("thread %s ended.\n", ex_current_name());
}

EX_SCENARIO(daemon_thread,
            "seed 003 setDaemon: the daemon is abandoned at exit, the non-daemon waited for",
            scenario_main);
