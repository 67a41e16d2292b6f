/* The one hash table (see table.h): allocating, clearing and growing the slots. */
#include "util/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* From this size on the slots are mapped on their own, with huge pages: a large table is
 * probed at random, and huge pages spare most TLB misses. */
#define HUGE_SLOTS ((size_t)2 << 20)

static ex_slot *slots_alloc(size_t n) {
    size_t bytes = n * sizeof(ex_slot);
    if (n > (size_t)1 << 32) {
        fprintf(stderr, "explorer: a hash table is full: 2^31 items\n");
        abort();
    }
    void *p = bytes < HUGE_SLOTS ? calloc(n, sizeof(ex_slot))
                                 : mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (!p || p == MAP_FAILED) {
        fprintf(stderr, "explorer: out of memory for a hash table of %zu slots\n", n);
        abort();
    }
    if (bytes >= HUGE_SLOTS)
        madvise(p, bytes, MADV_HUGEPAGE);
    return p;
}

static void slots_free(ex_slot *slots, size_t n) {
    if (n * sizeof(ex_slot) < HUGE_SLOTS)
        free(slots);
    else if (slots)
        munmap(slots, n * sizeof(ex_slot));
}

void ex_table_init(ex_table *t, size_t items) {
    size_t n = 16;
    while (n < items * 2)
        n *= 2;
    *t = (ex_table){.slots = slots_alloc(n), .mask = n - 1, .shift = 32 - __builtin_ctzll(n)};
}

void ex_table_free(ex_table *t) {
    slots_free(t->slots, t->mask + 1);
    *t = (ex_table){0};
}

void ex_table_clear(ex_table *t) {
    memset(t->slots, 0, (t->mask + 1) * sizeof *t->slots);
    t->count = 0;
}

void ex_table_grow(ex_table *t) {
    ex_slot *old = t->slots;
    size_t old_n = t->mask + 1, n = old_n * 2;
    t->slots = slots_alloc(n);
    t->mask = n - 1;
    t->shift--;
    for (size_t k = 0; k < old_n; k++) {
        if (!old[k].item)
            continue;
        size_t i = old[k].hash >> t->shift;
        while (t->slots[i].item)
            i = (i + 1) & t->mask;
        t->slots[i] = old[k];
    }
    slots_free(old, old_n);
}
