/* test_assert: assert() in a scenario is a check, whatever the build type (scenarios are
 * never built with NDEBUG): two threads each add 1 to `counter` without a lock, and
 * MainThread asserts that both updates are there. */
#include <explorer/scenario.h>

#include <assert.h>

int counter;

void add_one(void) {
    counter = counter + 1;
}

static void scenario_main(void) {
    ex_thread *t1 = ex_thread_new(add_one, EX_NO_ARGS, NULL);
    ex_thread *t2 = ex_thread_new(add_one, EX_NO_ARGS, NULL);
    ex_thread_start(t1);
    ex_thread_start(t2);
    ex_thread_join(t1);
    ex_thread_join(t2);
    printf("%d\n", counter);
    assert(counter == 2);
}

EX_SCENARIO(test_assert, "tests: a failing assert() is a failed check", scenario_main);
