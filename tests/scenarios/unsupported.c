/* test_unsupported: calls the explorer does not model yet, made by Thread-1 (MainThread
 * starts and joins it). `kind` picks the call:
 *   0  thrd_create   1  fork   2  pthread_cancel (of itself)   3  pthread_kill (signal 0)
 * Each must end the execution as `unsupported`, naming the call, its line and Thread-1. */
#include <explorer/scenario.h>

#include <pthread.h>
#include <signal.h>
#include <threads.h>
#include <unistd.h>

EX_PARAM(kind, 0, "0 thrd_create, 1 fork, 2 pthread_cancel, 3 pthread_kill");

static int nothing(void *arg) {
    return arg != NULL;
}

void call(void) {
    thrd_t t;
    if (kind == 0) {
        thrd_create(&t, nothing, NULL); /* thrd_create */
    } else if (kind == 1) {
        if (fork() == 0) /* fork */
            _exit(0);    /* (were fork not wrapped, the child would leave at once) */
    } else if (kind == 2) {
        pthread_cancel(pthread_self()); /* pthread_cancel */
    } else {
        pthread_kill(pthread_self(), 0); /* pthread_kill */
    }
}

static void scenario_main(void) {
    ex_thread *t = ex_thread_new(call, EX_NO_ARGS, NULL);
    ex_thread_start(t);
    ex_thread_join(t);
    printf("joined\n");
}

EX_SCENARIO(test_unsupported,
            "tests: thrd_create, fork, pthread_cancel, pthread_kill (unsupported)", scenario_main);
