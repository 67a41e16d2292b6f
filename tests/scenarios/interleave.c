/* test_interleave: Thread-1 prints "a" then "b", Thread-2 prints "c" then "d" (putchar). Every
 * merge of the two sequences is an outcome, each reached by as many executions as there
 * are schedules of the program's steps that print it. */
#include <explorer/scenario.h>

void two(int first, int second) {
    putchar(first);
    putchar(second);
}

static void scenario_main(void) {
    ex_thread *t1 = ex_thread_new(two, EX_ARGS('a', 'b'), NULL);
    ex_thread *t2 = ex_thread_new(two, EX_ARGS('c', 'd'), NULL);
    ex_thread_start(t1);
    ex_thread_start(t2);
    ex_thread_join(t1);
    ex_thread_join(t2);
}

EX_SCENARIO(test_interleave, "tests: two threads print two characters each", scenario_main);
