/* test_crash: a fault in scenario code ends that execution with a `crash` outcome, and the
 * search goes on. `kind` picks the fault, always in Thread-1:
 *   0  a write through `target`, which MainThread sets to NULL after starting Thread-1:
 *      schedules where Thread-1 reads it first print "cell=1", the others crash
 *   1  unbounded recursion: a stack overflow into the guard page
 *   2  abort()
 *   3  integer division by zero (SIGFPE)
 *   4  abort() in Thread-1 when it reads `flag` after MainThread, which sets it after
 *      starting Thread-1: schedules where Thread-1 reads it first print "cell=0", the
 *      others crash (the first execution, which runs MainThread on, among them) */
#include <explorer/scenario.h>

#include <stdlib.h>

EX_PARAM(kind, 0, "which fault (0-4)");

int cell;
int *target = &cell;
int divisor;
int flag;

void write_target(void) {
    *target = 1;
}

int recurse(int depth) {
    volatile char pad[512];
    pad[0] = (char)depth;
    if (depth < 0)
        return 0;
    return recurse(depth + 1) + pad[0];
}

void call_abort(void) {
    abort();
}

void abort_if_flag(void) {
    if (flag)
        abort();
}

void divide(void) {
    printf("%d\n", 100 / divisor);
}

static void scenario_main(void) {
    void (*const targets[])(void) = {write_target, NULL, call_abort, divide, abort_if_flag};
    ex_thread *t = kind == 1 ? ex_thread_new(recurse, EX_ARGS(0), NULL)
                             : ex_thread_new(targets[kind], EX_NO_ARGS, NULL);
    ex_thread_start(t);
    if (kind == 0)
        target = NULL;
    if (kind == 4)
        flag = 1;
    ex_thread_join(t);
    printf("cell=%d\n", cell);
}

EX_SCENARIO(test_crash, "tests: NULL write, stack overflow, abort and SIGFPE in a thread",
            scenario_main);
