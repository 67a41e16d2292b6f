/* The scenario's heap: malloc, calloc, realloc and free (the scenario is linked with
 * --wrap for each) allocate from an arena that the explorer resets before every
 * execution, so heap addresses repeat and nothing leaks between executions. Outside an
 * execution (module constructors) the C library's allocator serves.
 *
 * Each block follows its 16-byte header (heap_check.h), which is also the redzone between
 * it and the block before. free() never makes memory reusable within an execution: a freed
 * block stays poisoned (quarantined) until the execution ends. A free is a step that writes
 * the whole block, so that the search orders it against the block's other accesses. A
 * request that cannot be met (its size overflows, or it is more than the arena has left)
 * returns NULL. */
#include "scenario/heap.h"
#include "execution/scheduler.h"
#include "scenario/heap_check.h"
#include "util/arena.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define HEADER ((size_t)EX_HEAP_GRANULE)

bool ex_heap_init(ex_runtime *rt, size_t reserve) {
    if (!ex_arena_init(&rt->heap, reserve))
        return false;
    rt->heap_shadow = ex_reserve(reserve / EX_HEAP_GRANULE);
    return rt->heap_shadow != NULL;
}

void ex_heap_destroy(ex_runtime *rt) {
    ex_release(rt->heap_shadow, rt->heap.reserved / EX_HEAP_GRANULE);
    rt->heap_shadow = NULL;
    ex_arena_destroy(&rt->heap);
}

void *ex_heap_object(ex_runtime *rt, size_t size) {
    char *p = ex_arena_alloc(&rt->heap, size);
    if (p)
        ex_heap_object_mark(rt, p, size);
    return p;
}

static bool in_arena(const ex_runtime *rt, const void *p) {
    return rt && (uintptr_t)p - (uintptr_t)rt->heap.base < rt->heap.reserved;
}

static void *arena_malloc(ex_runtime *rt, size_t size, const void *pc) {
    if (size > rt->heap.reserved - rt->heap.used - HEADER) {
        errno = ENOMEM;
        return NULL;
    }
    char *p = (char *)ex_arena_alloc(&rt->heap, HEADER + size) + HEADER;
    ex_heap_block_mark(rt, p, size, pc);
    return p;
}

/* The free of block `b` at p as a step: a write of the whole block. */
static void free_step(ex_runtime *rt, void *p, const ex_block *b, const void *pc) {
    ex_op op = {.kind = EX_OP_WRITE,
                .size = b->size ? b->size : 1,
                .addr = (uintptr_t)p,
                .deadline = -1,
                .pc = pc};
    ex_step(rt, op);
}

EX_API void *__wrap_malloc(size_t size);
void *__wrap_malloc(size_t size) {
    ex_runtime *rt = ex_rt;
    if (!rt || !rt->in_execution)
        return malloc(size);
    return arena_malloc(rt, size, __builtin_return_address(0));
}

EX_API void *__wrap_calloc(size_t n, size_t size);
void *__wrap_calloc(size_t n, size_t size) {
    ex_runtime *rt = ex_rt;
    if (!rt || !rt->in_execution)
        return calloc(n, size);
    if (size && n > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = arena_malloc(rt, n * size, __builtin_return_address(0));
    if (p)
        memset(p, 0, n * size);
    return p;
}

EX_API void *__wrap_realloc(void *old, size_t size);
void *__wrap_realloc(void *old, size_t size) {
    ex_runtime *rt = ex_rt;
    const void *pc = __builtin_return_address(0);
    bool in_execution = rt && rt->in_execution;
    if (!old)
        return in_execution ? arena_malloc(rt, size, pc) : malloc(size);
    if (!in_arena(rt, old)) {
        if (in_execution)
            ex_heap_check_foreign(rt, old, "reallocs", pc);
        return realloc(old, size);
    }
    if (!in_execution)
        return malloc(size);
    ex_block *b = ex_heap_block_of(rt, old, "reallocs", pc);
    free_step(rt, old, b, pc);
    void *p = NULL;
    if (!b->freed) { /* (else the free below reports the double free) */
        p = arena_malloc(rt, size, pc);
        if (!p) /* the old block stays as it was */
            return NULL;
        memcpy(p, old, b->size < size ? b->size : size);
    }
    ex_heap_block_free(rt, b, "reallocs", pc);
    return p;
}

EX_API void __wrap_free(void *p);
void __wrap_free(void *p) {
    ex_runtime *rt = ex_rt;
    const void *pc = __builtin_return_address(0);
    if (!p)
        return;
    if (!in_arena(rt, p)) {
        if (rt && rt->in_execution)
            ex_heap_check_foreign(rt, p, "frees", pc);
        free(p);
        return;
    }
    if (!rt->in_execution)
        return;
    ex_block *b = ex_heap_block_of(rt, p, "frees", pc);
    free_step(rt, p, b, pc);
    ex_heap_block_free(rt, b, "frees", pc);
}
