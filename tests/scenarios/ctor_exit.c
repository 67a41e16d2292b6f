/* test_ctor_exit: a module whose constructor calls exit(7). It must fail to load with a
 * message, not end the explorer. */
#include <explorer/scenario.h>

#include <stdlib.h>

__attribute__((constructor)) static void leave_at_load(void) {
    exit(7);
}

static void scenario_main(void) {
    printf("never\n");
}

EX_SCENARIO(test_ctor_exit, "tests: a constructor that calls exit(7)", scenario_main);
