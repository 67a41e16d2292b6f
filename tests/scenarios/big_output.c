/* test_big_output: MainThread prints 64-byte lines without end. The execution's output is
 * capped at 1 MiB: the print that passes it ends the execution as `unsupported`. */
#include <explorer/scenario.h>

static void scenario_main(void) {
    for (;;)
        printf("%063d\n", 0); /* print */
}

EX_SCENARIO(test_big_output, "tests: output without end (capped at 1 MiB)", scenario_main);
