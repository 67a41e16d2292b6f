/* What an execution can change, listed once: the regions of memory a step may write. The
 * checkpoints save and restore them, the stateful search hashes them, its summaries copy
 * them, and they are the memory the runtime knows to be mapped. (The execution's values,
 * rt->exec, are one struct: its users copy it whole.) */
#ifndef EXPLORER_IMAGE_H
#define EXPLORER_IMAGE_H

#include "execution/runtime.h"

typedef struct ex_region {
    void *addr;
    size_t len;
} ex_region;

typedef enum ex_image_part {
    EX_IMAGE_DATA = 1,    /* the scenario's data: the module's writable segments, the used
                             parts of the heap, of its shadow and of the runtime's scratch
                             arena */
    EX_IMAGE_THREADS = 2, /* the thread table's rows in use, and their fibers' contexts */
    EX_IMAGE_STACKS = 4,  /* each running or runnable thread's stack, from its saved stack
                             pointer up */
    EX_IMAGE_ALL = 7
} ex_image_part;

/* The most regions ex_image_regions() lists. */
#define EX_IMAGE_MAX_REGIONS (EX_MODULE_MAX_SEGMENTS + 3 + 2 + EX_MAX_THREADS)

/* Fills `out` with the regions of the parts asked for, in a fixed order (data, threads,
 * stacks), leaving out empty ones; returns how many. -1 when a thread's saved stack pointer
 * is outside its stack (a frame of code built without -fstack-clash-protection jumped over
 * the guard page): copying from there would read the guard page, or another stack. */
int ex_image_regions(const ex_runtime *rt, unsigned parts, ex_region *out);

/* The data part alone (inline: the stateful search asks at every step). */
static inline int ex_image_data(const ex_runtime *rt, ex_region *out) {
    int n = 0;
    const ex_module *m = rt->module;
    for (int i = 0; i < m->segment_count; i++)
        out[n++] = (ex_region){m->segments[i].addr, m->segments[i].size};
    if (rt->heap.used) { /* (an empty region costs its users a call for nothing) */
        out[n++] = (ex_region){rt->heap.base, rt->heap.used};
        out[n++] = (ex_region){rt->heap_shadow, rt->heap.used / 16}; /* a byte per 16 */
    }
    if (rt->scratch.used)
        out[n++] = (ex_region){rt->scratch.base, rt->scratch.used};
    return n;
}

/* Whether [addr, addr + len) lies in the data or on a fiber stack. */
static inline bool ex_image_known(const ex_runtime *rt, uintptr_t addr, size_t len) {
    ex_region data[EX_IMAGE_MAX_REGIONS];
    int n = ex_image_data(rt, data);
    for (int i = 0; i < n; i++)
        if (addr >= (uintptr_t)data[i].addr && addr + len <= (uintptr_t)data[i].addr + data[i].len)
            return true;
    return ex_fiber_stacks_slot(&rt->stacks, addr) >= 0 &&
           ex_fiber_stacks_slot(&rt->stacks, addr + len - 1) >= 0;
}

#endif
