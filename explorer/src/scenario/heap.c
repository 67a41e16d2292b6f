/* The scenario's heap: malloc, calloc, realloc and free (the scenario is linked with
 * --wrap for each) allocate from an arena that the explorer resets before every
 * execution, so heap addresses repeat and nothing leaks between executions. free() does
 * not reuse memory within an execution. Outside an execution (module constructors) the
 * C library's allocator serves. */
#include "scenario/heap.h"
#include "execution/scheduler.h"
#include "util/arena.h"

#include <stdlib.h>
#include <string.h>

#define HEADER 16 /* keeps the size, and 16-byte alignment */

static bool in_arena(const ex_runtime *rt, const void *p) {
    return rt && (uintptr_t)p - (uintptr_t)rt->heap.base < rt->heap.reserved;
}

static void *arena_malloc(ex_runtime *rt, size_t size) {
    char *p = ex_arena_alloc(&rt->heap, size + HEADER);
    if (!p)
        ex_end_execution(rt, EX_STATUS_CRASH, "out of memory: the scenario heap holds %zu MiB",
                         rt->heap.reserved >> 20);
    memcpy(p, &size, sizeof size);
    return p + HEADER;
}

EX_API void *__wrap_malloc(size_t size);
void *__wrap_malloc(size_t size) {
    ex_runtime *rt = ex_rt;
    if (!rt || !rt->in_execution)
        return malloc(size);
    return arena_malloc(rt, size);
}

EX_API void *__wrap_calloc(size_t n, size_t size);
void *__wrap_calloc(size_t n, size_t size) {
    ex_runtime *rt = ex_rt;
    if (!rt || !rt->in_execution)
        return calloc(n, size);
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *p = arena_malloc(rt, n * size);
    memset(p, 0, n * size);
    return p;
}

EX_API void *__wrap_realloc(void *old, size_t size);
void *__wrap_realloc(void *old, size_t size) {
    ex_runtime *rt = ex_rt;
    if (old && !in_arena(rt, old))
        return realloc(old, size);
    if (!rt || !rt->in_execution)
        return malloc(size);
    void *p = arena_malloc(rt, size);
    if (old) {
        size_t old_size;
        memcpy(&old_size, (char *)old - HEADER, sizeof old_size);
        memcpy(p, old, old_size < size ? old_size : size);
    }
    return p;
}

EX_API void __wrap_free(void *p);
void __wrap_free(void *p) {
    if (p && !in_arena(ex_rt, p))
        free(p);
}
