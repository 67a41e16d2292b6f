/* test_local_school: the tutorial's ThreadLocal program (seeds 000-003). Thread-A and Thread-B
 * each bind their own `student` on one threading.local and print it: each sees its own,
 * and the two prints come in either order: exactly two outcomes, both ok. */
#include <explorer/scenario.h>

ex_local local_school;

void process_student(void) {
    const char *std = ex_local_get(&local_school, "student");
    printf("Hello, %s (in %s)\n", std, ex_current_name());
}

void process_thread(const char *name) {
    ex_local_set(&local_school, "student", name);
    EX_CHECK(ex_local_has(&local_school, "student"));
    process_student();
}

static void scenario_main(void) {
    ex_thread *t1 = ex_thread_new(process_thread, EX_ARGS("Alice"), "Thread-A");
    ex_thread *t2 = ex_thread_new(process_thread, EX_ARGS("Bob"), "Thread-B");
    ex_thread_start(t1);
    ex_thread_start(t2);
    ex_thread_join(t1);
    ex_thread_join(t2);
    EX_CHECK(!ex_local_has(&local_school, "student"));
}

EX_SCENARIO(test_local_school, "tests: the tutorial's threading.local, one student per thread",
            scenario_main);
