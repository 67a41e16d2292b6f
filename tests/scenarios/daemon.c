/* test_daemon: at exit MainThread waits for its non-daemon threads only; daemon threads are
 * abandoned where they are.
 *   mode 0: Daemon (set_daemon) and a _thread thread sleep 10 s, Worker sleeps 1 s:
 *           exit waits for Worker and never for the sleepers; one outcome
 *   mode 1: a daemon prints "d1" and "d2" while MainThread prints "m" and returns: the
 *           execution may end before, between or after the daemon's prints */
#include <explorer/scenario.h>

EX_PARAM(mode, 0, "0 sleeping daemons, 1 a printing daemon");

void late(void) {
    ex_sleep(10);
    puts("daemon woke");
}

void worker(void) {
    ex_sleep(1);
    puts("worker done");
}

void chatter(void) {
    puts("d1");
    puts("d2");
}

static void scenario_main(void) {
    if (mode == 1) {
        ex_thread *d = ex_thread_new(chatter, EX_NO_ARGS, NULL);
        ex_thread_set_daemon(d, true);
        ex_thread_start(d);
        puts("m");
        return;
    }
    ex_thread *d = ex_thread_new(late, EX_NO_ARGS, "Daemon");
    ex_thread_set_daemon(d, true);
    ex_thread *w = ex_thread_new(worker, EX_NO_ARGS, "Worker");
    printf("daemon=%d worker=%d\n", ex_thread_is_daemon(d), ex_thread_is_daemon(w));
    ex_thread_start(d);
    ex_thread_start(w);
    ex_thread *low = ex_start_new_thread(late, EX_NO_ARGS);
    printf("_thread daemon=%d\n", ex_thread_is_daemon(low));
    puts("main done");
}

EX_SCENARIO(test_daemon, "tests: daemon threads are abandoned at exit, others waited for",
            scenario_main);
