/* test_exit: exit(), _Exit() and quick_exit() in a thread end the execution (never the
 * explorer). MainThread starts Thread-1, prints "main", joins it and prints "joined";
 * Thread-1 prints "t1" and then, by `kind`:
 *   0  exit(0)   an ok ending      2  _Exit(0)
 *   1  exit(3)   a failed check    3  quick_exit(4)
 * So "joined" is never printed, and "main" only where MainThread ran before the exit. */
#include <explorer/scenario.h>

#include <stdlib.h>

EX_PARAM(kind, 0, "which call (0-3)");

void leave(void) {
    printf("t1\n");
    if (kind == 0)
        exit(0); /* exit 0 */
    if (kind == 1)
        exit(3); /* exit 3 */
    if (kind == 2)
        _Exit(0);  /* _Exit */
    quick_exit(4); /* quick_exit */
}

static void scenario_main(void) {
    ex_thread *t = ex_thread_new(leave, EX_NO_ARGS, NULL);
    ex_thread_start(t);
    printf("main\n");
    ex_thread_join(t);
    printf("joined\n");
}

EX_SCENARIO(test_exit, "tests: exit(), _Exit() and quick_exit() in a thread", scenario_main);
