/* Fibers: a stack per scenario thread (guard page below it, same address in every
 * execution) and the user-space context switch between them. */
#ifndef EXPLORER_FIBER_H
#define EXPLORER_FIBER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__x86_64__)
#define EX_FIBER_ASM 1
typedef struct ex_fiber_ctx {
    void *sp; /* everything else is saved on the fiber's own stack */
} ex_fiber_ctx;
#else
#include <ucontext.h>
#define EX_FIBER_ASM 0
typedef struct ex_fiber_ctx {
    ucontext_t uc;
} ex_fiber_ctx;
#endif

typedef struct ex_fiber {
    ex_fiber_ctx ctx;
    char *stack_lo, *stack_hi; /* usable stack, above the guard page */
} ex_fiber;

/* One reservation for every thread's stack, so that stack addresses repeat across
 * executions and a single range check tells whether an address is on some fiber stack. */
typedef struct ex_fiber_stacks {
    char *base;
    size_t slot_size;  /* guard page + stack */
    size_t stack_size; /* usable bytes per stack */
    int slots;
} ex_fiber_stacks;

bool ex_fiber_stacks_init(ex_fiber_stacks *s, int slots, size_t stack_size);
void ex_fiber_stacks_destroy(ex_fiber_stacks *s);
/* The slot an address falls in (guard page included), or -1. */
static inline int ex_fiber_stacks_slot(const ex_fiber_stacks *s, uintptr_t addr) {
    uintptr_t off = addr - (uintptr_t)s->base;
    return off < s->slot_size * (size_t)s->slots ? (int)(off / s->slot_size) : -1;
}

/* Prepares `f` on stack slot `slot` to start by calling entry() (which must not return). */
void ex_fiber_init(ex_fiber *f, const ex_fiber_stacks *s, int slot, void (*entry)(void));
/* The first thing a fiber's entry function calls (it tells the sanitizers where it is). */
void ex_fiber_started(void);
/* Saves the running context in `from` and resumes `to`. */
void ex_fiber_switch(ex_fiber_ctx *from, const ex_fiber_ctx *to, const ex_fiber *to_fiber);
#if EX_FIBER_ASM
/* Saves the running context in `here` as a switch would, calls save(arg) on the same stack
 * (below the saved frame, so it may copy the stack above it) and returns; resuming `here`
 * later returns from this call again. (A checkpoint, without switching away and back.) */
void ex_fiber_save(ex_fiber_ctx *here, void (*save)(void *arg), void *arg);
#endif

#endif
