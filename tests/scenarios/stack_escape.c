/* test_stack_escape: MainThread passes the address of its local `local` to two threads that
 * each do `*p = *p + 1`, then prints it. The threads touch MainThread's stack, so the
 * explorer must mark that page shared and restart its search; then it sees the lost
 * update: outcomes "2" (ok) and "1" (the check fails). */
#include <explorer/scenario.h>

void increment(int *p) {
    *p = *p + 1;
}

static void scenario_main(void) {
    int local = 0;
    ex_thread *t1 = ex_thread_new(increment, EX_ARGS((void *)&local), NULL);
    ex_thread *t2 = ex_thread_new(increment, EX_ARGS((void *)&local), NULL);
    ex_thread_start(t1);
    ex_thread_start(t2);
    ex_thread_join(t1);
    ex_thread_join(t2);
    printf("%d\n", local);
    EX_CHECK(local == 2);
}

EX_SCENARIO(test_stack_escape, "tests: two threads update a local of MainThread through a pointer",
            scenario_main);
