/* test_symbols: a scenario's own globals and functions bind to the scenario, even where a
 * library in the explorer's process exports the same name (libgvc exports `post` and
 * `enqueue`, libc `error`). Two threads each call `update(n)` (Thread-1 with 1, Thread-2
 * with 2), which does an unlocked read-modify-write through the global or function that
 * `kind` picks:
 *   0  the global `int post`: post = post + 1
 *   1  a function `error(n)`: errors = errors + n
 *   2  a function `enqueue(n)`: queue[n] = n; queued = queued + 1
 * MainThread joins both, prints the result and checks that no update was lost. */
#include <explorer/scenario.h>

EX_PARAM(kind, 0, "0 a global `post`, 1 a function `error`, 2 a function `enqueue`");

int post;
int errors;
int queue[3], queued;

void error(int n) {
    errors = errors + n;
}

void enqueue(int n) {
    queue[n] = n;
    queued = queued + 1;
}

void update(int n) {
    if (kind == 0)
        post = post + 1;
    else if (kind == 1)
        error(n);
    else
        enqueue(n);
}

static void scenario_main(void) {
    ex_thread *t1 = ex_thread_new(update, EX_ARGS(1), NULL);
    ex_thread *t2 = ex_thread_new(update, EX_ARGS(2), NULL);
    ex_thread_start(t1);
    ex_thread_start(t2);
    ex_thread_join(t1);
    ex_thread_join(t2);
    if (kind == 0) {
        printf("post=%d\n", post);
        EX_CHECK(post == 2);
    } else if (kind == 1) {
        printf("errors=%d\n", errors);
        EX_CHECK(errors == 3);
    } else {
        printf("queued=%d: %d %d\n", queued, queue[1], queue[2]);
        EX_CHECK(queued == 2);
    }
}

EX_SCENARIO(test_symbols, "tests: globals and functions named like symbols of libgvc and libc",
            scenario_main);
