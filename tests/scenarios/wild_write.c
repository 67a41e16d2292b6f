/* test_wild_write: Thread-1 writes through a pointer into unmapped memory (1 TiB: also in
 * AddressSanitizer's shadow gap, never mapped) far from the
 * scenario's heap and stacks (`kind` 0), or 16 bytes past NULL (1). The crash text must be
 * the same in every run (no address that moves with the process's layout), so that a
 * replay says what the search said. */
#include <explorer/scenario.h>

#include <stdint.h>

EX_PARAM(kind, 0, "where to write (0 unmapped, 1 NULL+16)");

void wild(void) {
    volatile int *p = (volatile int *)(kind ? (uintptr_t)16 : (uintptr_t)0x10000000000ull);
    *p = 1;
}

static void scenario_main(void) {
    ex_thread *t = ex_thread_new(wild, EX_NO_ARGS, NULL);
    ex_thread_start(t);
    ex_thread_join(t);
}

EX_SCENARIO(test_wild_write, "tests: a write through a wild pointer", scenario_main);
