/* test_atomics: two threads each __atomic_fetch_add(&hits, 1): an atomic read-modify-write is
 * one step, so no update is lost and every interleaving prints "2" (holds). */
#include <explorer/scenario.h>

int hits;

void hit(void) {
    __atomic_fetch_add(&hits, 1, __ATOMIC_SEQ_CST);
}

static void scenario_main(void) {
    ex_thread *t1 = ex_thread_new(hit, EX_NO_ARGS, NULL);
    ex_thread *t2 = ex_thread_new(hit, EX_NO_ARGS, NULL);
    ex_thread_start(t1);
    ex_thread_start(t2);
    ex_thread_join(t1);
    ex_thread_join(t2);
    printf("%d\n", __atomic_load_n(&hits, __ATOMIC_SEQ_CST));
    EX_CHECK(__atomic_load_n(&hits, __ATOMIC_SEQ_CST) == 2);
}

EX_SCENARIO(test_atomics, "tests: two atomic increments never lose an update (holds)",
            scenario_main);
