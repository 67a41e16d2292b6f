/* test_nul_output: output with NUL bytes. Thread-1 prints "a\0b\n", MainThread "a\0c\n":
 * two outcomes, told apart by the bytes after the NUL. */
#include <explorer/scenario.h>

void print_b(void) {
    printf("a%cb\n", 0);
}

static void scenario_main(void) {
    ex_thread *t = ex_thread_new(print_b, EX_NO_ARGS, NULL);
    ex_thread_start(t);
    printf("a%cc\n", 0);
    ex_thread_join(t);
}

EX_SCENARIO(test_nul_output, "tests: output with NUL bytes", scenario_main);
