/* The heap's memory checking, the way AddressSanitizer does it, in the explorer's own arena
 * (heap_check.c): the block headers, the shadow map that says what the scenario may touch,
 * the check of every instrumented heap access, and the reports of invalid accesses and
 * frees.
 *
 * The shadow (rt->heap_shadow) has a byte per 16-byte granule of the heap arena: 0 when
 * the scenario may touch all 16 bytes, 1 to 15 when only that many first bytes (a block's
 * tail), or one of the codes below. Blocks start 16-aligned, so it is exact to the byte.
 * Its bytes below heap.used / 16 describe the heap (every allocation writes those it
 * covers; checkpoints and summaries save them with the heap: image.h lists them); those
 * above are stale and never read. */
#ifndef EXPLORER_HEAP_CHECK_H
#define EXPLORER_HEAP_CHECK_H

#include "execution/runtime.h"

#define EX_HEAP_GRANULE 16

enum {
    EX_SHADOW_HEADER = 0xFA, /* a block's header: its left redzone, the previous one's right */
    EX_SHADOW_FREED = 0xFD,  /* a freed block (quarantined: never reused in the execution) */
    EX_SHADOW_OBJECT = 0xFE, /* the runtime's own object (ex_allocate_lock) */
};

/* A block's header: the granule just before what malloc returns. */
typedef struct ex_block {
    uint32_t size;                 /* bytes asked for (the arena holds less than 4 GiB) */
    int32_t alloc_site, free_site; /* return addresses, relative to the scenario module */
    uint8_t alloc_thread, free_thread;
    bool freed;
    uint8_t unused;
} ex_block;
_Static_assert(sizeof(ex_block) == EX_HEAP_GRANULE, "a block's header is one granule");

/* Makes [p, p + size) a new block allocated at pc (p - 16 is its header's room). */
void ex_heap_block_mark(ex_runtime *rt, char *p, size_t size, const void *pc);
/* Marks [p, p + size) as the runtime's own object: the scenario may not touch it. */
void ex_heap_object_mark(ex_runtime *rt, char *p, size_t size);

/* The block p starts, to free (`verb` is "frees" or "reallocs"): ends the execution with
 * `invalid-free` unless p is what malloc returned in this execution. */
ex_block *ex_heap_block_of(ex_runtime *rt, void *p, const char *verb, const void *pc);
/* Frees `b` (after the free's step): ends the execution with `double-free` if it is. */
void ex_heap_block_free(ex_runtime *rt, ex_block *b, const char *verb, const void *pc);
/* A pointer outside the arena given to free or realloc: ends the execution with
 * `invalid-free` when it points into a fiber stack or the module's data (else it is the C
 * library's, from before the execution). */
void ex_heap_check_foreign(ex_runtime *rt, void *p, const char *verb, const void *pc);

void ex_heap_check_slow(ex_runtime *rt, uintptr_t off, uint32_t size, bool write, const void *pc);
/* An instrumented access of `size` bytes `off` bytes into the heap arena (inside its
 * reservation), after its step: ends the execution with `heap-use-after-free` or
 * `heap-buffer-overflow` when the scenario may not touch them. (Inline: the usual case, an
 * access within one granule of a live block, is a load and a test or two.) */
static inline void ex_heap_check(ex_runtime *rt, uintptr_t off, uint32_t size, bool write,
                                 const void *pc) {
    uintptr_t end = (off & (EX_HEAP_GRANULE - 1)) + size; /* within its granule */
    if (off < rt->heap.used && end <= EX_HEAP_GRANULE) {
        uint8_t s = rt->heap_shadow[off / EX_HEAP_GRANULE];
        if (s == 0 || (s < EX_HEAP_GRANULE && end <= s)) /* all of it, or its first s bytes */
            return;
    }
    ex_heap_check_slow(rt, off, size, write, pc);
}

#endif
