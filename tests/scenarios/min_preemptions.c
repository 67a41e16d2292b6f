/* test_min_preemptions: a violation with no preemption that dpor cut at a bound of 0 does
 * not find: MainThread starts both threads and blocks joining them; Thread-1 writes x,
 * Thread-2 checks it was written. With Thread-2 first (MainThread blocked: no preemption)
 * the check fails, but dpor's representative of that order runs Thread-1's first step
 * before it (one preemption). */
#include <explorer/scenario.h>

int x;

void writer(void) {
    x = 1;
}

void checker(void) {
    EX_CHECK(x == 1);
}

static void scenario_main(void) {
    ex_thread *a = ex_thread_new(writer, EX_NO_ARGS, NULL);
    ex_thread *b = ex_thread_new(checker, EX_NO_ARGS, NULL);
    ex_thread_start(a);
    ex_thread_start(b);
    ex_thread_join(a);
    ex_thread_join(b);
}

EX_SCENARIO(test_min_preemptions,
            "tests: a violation with 0 preemptions that a bounded dpor misses", scenario_main);
