/* test_big_frame: a stack frame larger than the stack (300 KiB of locals in a 256 KiB stack)
 * must end in the guard page, as a stack overflow of the thread that made it, and not
 * write past the guard into another thread's stack. `kind` picks the thread:
 *   0  Thread-1 (MainThread starts it and joins it)
 *   1  MainThread */
#include <explorer/scenario.h>

EX_PARAM(kind, 0, "0 Thread-1 makes the big frame, 1 MainThread does");

int sum;

void big_frame(void) {
    volatile char big[300 * 1024];
    big[0] = 1;
    sum = big[0];
}

static void scenario_main(void) {
    if (kind == 1) {
        big_frame();
    } else {
        ex_thread *t = ex_thread_new(big_frame, EX_NO_ARGS, NULL);
        ex_thread_start(t);
        ex_thread_join(t);
    }
    printf("sum=%d\n", sum);
}

EX_SCENARIO(test_big_frame, "tests: a 300 KiB stack frame in a 256 KiB stack", scenario_main);
