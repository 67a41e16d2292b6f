/* test_writers: two workers, each writing its own variable `k` times; MainThread starts
 * both and joins both. The workers' steps are independent, so between MainThread's starts
 * and joins the interleaving graph is a lattice, not a tree of schedules. */
#include <explorer/scenario.h>

EX_PARAM(k, 2, "writes per worker");

long first, second;

void write_first(void) {
    for (long i = 0; i < k; i++)
        first = i + 1;
}

void write_second(void) {
    for (long i = 0; i < k; i++)
        second = i + 1;
}

static void scenario_main(void) {
    ex_thread *a = ex_thread_new(write_first, EX_NO_ARGS, NULL);
    ex_thread *b = ex_thread_new(write_second, EX_NO_ARGS, NULL);
    ex_thread_start(a);
    ex_thread_start(b);
    ex_thread_join(a);
    ex_thread_join(b);
}

EX_SCENARIO(test_writers, "test: two independent writers (a lattice)", scenario_main);
