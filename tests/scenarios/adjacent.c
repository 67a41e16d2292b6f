/* test_adjacent: two variables in one 8-byte block, each used by one thread only. No data
 * race may be reported (the race diagnosis watches exact addresses); DPOR's dependence is
 * per 8-byte block, so it may run more than one execution (a documented limit). */
#include <explorer/scenario.h>

int a __attribute__((aligned(8)));
int b;

void writer(void) {
    a = 1;
}

void reader(void) {
    printf("b=%d\n", b);
}

static void scenario_main(void) {
    ex_thread *w = ex_thread_new(writer, EX_NO_ARGS, NULL);
    ex_thread *r = ex_thread_new(reader, EX_NO_ARGS, NULL);
    ex_thread_start(w);
    ex_thread_start(r);
    ex_thread_join(w);
    ex_thread_join(r);
}

EX_SCENARIO(test_adjacent, "test: neighbouring variables do not race", scenario_main);
