/* loop_thread: the tutorial's first program.
 * From seeds 000-003 (threading, "启动一个线程" / starting a thread): MainThread starts
 * LoopThread, which counts to 5 with a one-second sleep between lines; MainThread joins
 * it. In virtual time the five seconds take microseconds, and there is exactly one
 * outcome: the tutorial's printed output, line for line. */
#include <explorer/scenario.h>

/* 新线程执行的代码: (the code the new thread runs) */
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

static void scenario_main(void) {
    printf("thread %s is running...\n", ex_current_name());
    ex_thread *t = ex_thread_new(loop, EX_NO_ARGS, "LoopThread");
    ex_thread_start(t);
    ex_thread_join(t);
    printf("thread %s ended.\n", ex_current_name());
}

EX_SCENARIO(loop_thread, "seeds 000-003 threading: MainThread starts and joins LoopThread",
            scenario_main);
