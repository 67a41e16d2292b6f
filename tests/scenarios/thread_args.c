/* test_thread_args: a thread target's arguments go through libffi with the types EX_ARGS
 * infers: int, double, long, a string (copied when the thread is created: MainThread
 * overwrites its buffer before start, the thread still sees "hello"), float (as double),
 * a negative int, a pointer and a long long (as long); eight in all, ints and floating
 * point mixed so that both register files are used.
 *   kind 1: a typed pointer (int *) given to EX_ARGS without a cast to void *: the header
 *           says pointers pass as they are (see tests/test_runtime.c, BUG). */
#include <explorer/scenario.h>

EX_PARAM(kind, 0, "0 eight mixed arguments, 1 an int * through EX_ARGS");

int cell = 7;

void show(int i, double d, long l, const char *s, double f, int neg, int *p, long ll) {
    printf("i=%d d=%.2f l=%ld s=%s f=%.2f neg=%d *p=%d ll=%ld\n", i, d, l, s, f, neg, *p, ll);
}

void show_pointer(int *p) {
    printf("*p=%d\n", *p);
}

static void scenario_main(void) {
    ex_thread *t;
    if (kind == 1) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wint-conversion"
        t = ex_thread_new(show_pointer, EX_ARGS(&cell), NULL);
#pragma GCC diagnostic pop
    } else {
        char buf[] = "hello";
        t = ex_thread_new(
            show, EX_ARGS(42, 2.5, 1234567890123L, buf, 0.25f, -7, (void *)&cell, 9000000000LL),
            NULL);
        buf[0] = 'J';
    }
    ex_thread_start(t);
    ex_thread_join(t);
}

EX_SCENARIO(test_thread_args, "tests: int, long, double, string and pointer thread arguments",
            scenario_main);
