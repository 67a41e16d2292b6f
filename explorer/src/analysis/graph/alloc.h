/* Allocation for the graph's arrays: out of memory aborts, as everywhere in the runtime. */
#ifndef EXPLORER_GRAPH_ALLOC_H
#define EXPLORER_GRAPH_ALLOC_H

#include <stdlib.h>

/* `p` resized to `count` items of `size` bytes (at least one). */
static inline void *ex_graph_resize(void *p, size_t count, size_t size) {
    p = realloc(p, (count ? count : 1) * size);
    if (!p)
        abort();
    return p;
}

/* `count` zeroed items of `size` bytes (at least one). */
static inline void *ex_graph_zeroed(size_t count, size_t size) {
    void *p = calloc(count ? count : 1, size);
    if (!p)
        abort();
    return p;
}

#endif
