/* test_wide_copy: Thread-1 copies a 64-byte struct (one read and one write of 64 bytes)
 * while Thread-2 writes its last field. The two overlap only in the copy's eighth 8-byte
 * block: both orders must be explored, so MainThread prints 0 or 1. */
#include <explorer/scenario.h>

struct big {
    long f[8];
};

struct big dst, src;

void copy(void) {
    dst = src;
}

void poke(void) {
    dst.f[7] = 1;
}

static void scenario_main(void) {
    ex_thread *t1 = ex_thread_new(copy, EX_NO_ARGS, NULL);
    ex_thread *t2 = ex_thread_new(poke, EX_NO_ARGS, NULL);
    ex_thread_start(t1);
    ex_thread_start(t2);
    ex_thread_join(t1);
    ex_thread_join(t2);
    printf("%ld\n", dst.f[7]);
}

EX_SCENARIO(test_wide_copy, "test: a 64-byte copy races with a write of its last field",
            scenario_main);
