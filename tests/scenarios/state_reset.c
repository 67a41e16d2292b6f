/* test_state_reset: every execution starts from the module's initial state without the
 * scenario resetting anything. Each execution increments a zero global, an initialised
 * global, a function's static and a heap buffer it allocates when `buffer` is still NULL,
 * grows the buffer with realloc; two threads race on unrelated globals so there are many
 * executions. If any state leaked from one execution to the next, the printed values or
 * the heap address would change: there must be exactly one outcome. */
#include <explorer/scenario.h>

#include <stdlib.h>
#include <string.h>

int counter;
int initialised = 41;
int *buffer;
char big[1 << 16];
int x, y;

int calls(void) {
    static int n;
    return ++n;
}

void set_x(void) {
    x = 1;
}

void set_y(void) {
    y = 2;
}

static void scenario_main(void) {
    counter = counter + 1;
    initialised = initialised + 1;
    big[sizeof big - 1] = (char)(big[sizeof big - 1] + 1);
    if (!buffer)
        buffer = calloc(4, sizeof *buffer);
    buffer[0] = buffer[0] + 1;
    buffer = realloc(buffer, 64 * sizeof *buffer);
    buffer[63] = buffer[0] + 1;
    char *text = malloc(6);
    strcpy(text, "heap!");
    ex_thread *t1 = ex_thread_new(set_x, EX_NO_ARGS, NULL);
    ex_thread *t2 = ex_thread_new(set_y, EX_NO_ARGS, NULL);
    ex_thread_start(t1);
    ex_thread_start(t2);
    ex_thread_join(t1);
    ex_thread_join(t2);
    printf("counter=%d initialised=%d static=%d big=%d buffer=%d,%d x+y=%d %s %p\n", counter,
           initialised, calls(), big[sizeof big - 1], buffer[0], buffer[63], x + y, text,
           (void *)buffer);
    free(text);
}

EX_SCENARIO(test_state_reset,
            "tests: globals, statics and the heap are reset before each execution", scenario_main);
