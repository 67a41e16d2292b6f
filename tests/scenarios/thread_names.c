/* test_thread_names: Python's names. Unnamed threads are Thread-1, Thread-2, ... in creation
 * order; a named thread does not use up a number; set_name renames; MainThread is the
 * main thread. Threads run one at a time: exactly one outcome. */
#include <explorer/scenario.h>

void say(void) {
    printf("%s\n", ex_current_name());
}

static void scenario_main(void) {
    ex_thread *a = ex_thread_new(say, EX_NO_ARGS, NULL);
    ex_thread *b = ex_thread_new(say, EX_NO_ARGS, "Worker");
    ex_thread *c = ex_thread_new(say, EX_NO_ARGS, NULL);
    printf("%s %s %s %s\n", ex_current_name(), ex_thread_name(a), ex_thread_name(b),
           ex_thread_name(c));
    printf("main is main: %d\n", ex_current_thread() == ex_main_thread());
    printf("main thread: %s\n", ex_thread_name(ex_main_thread()));
    ex_thread_set_name(c, "Renamed");
    ex_thread_start(a);
    ex_thread_join(a);
    ex_thread_start(b);
    ex_thread_join(b);
    ex_thread_start(c);
    ex_thread_join(c);
}

EX_SCENARIO(test_thread_names, "tests: automatic Thread-N names, named threads, set_name",
            scenario_main);
