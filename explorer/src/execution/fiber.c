/* Fiber stacks and the context switch (x86-64 assembly in switch_x86_64.S; ucontext
 * elsewhere). AddressSanitizer is told about every switch so it tracks the right stack. */
#include "execution/fiber.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#define EX_ASAN 1
#else
#define EX_ASAN 0
#endif

bool ex_fiber_stacks_init(ex_fiber_stacks *s, int slots, size_t stack_size) {
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    stack_size = (stack_size + page - 1) / page * page;
    s->stack_size = stack_size;
    s->slot_size = stack_size + page;
    s->slots = slots;
    s->base = mmap(NULL, s->slot_size * (size_t)slots, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (s->base == MAP_FAILED) {
        s->base = NULL;
        return false;
    }
    for (int i = 0; i < slots; i++)
        if (mprotect(s->base + (size_t)i * s->slot_size, page, PROT_NONE) != 0)
            return false;
    return true;
}

void ex_fiber_stacks_destroy(ex_fiber_stacks *s) {
    if (s->base)
        munmap(s->base, s->slot_size * (size_t)s->slots);
    s->base = NULL;
}

#if EX_FIBER_ASM
void ex_fiber_switch_asm(void **from_sp, void *to_sp);
void ex_fiber_trampoline(void);

/* A stack is reused by every execution: frames abandoned mid-call leave AddressSanitizer's
 * markings behind, which must not poison the next execution. */
static void forget_old_frames(char *lo, size_t size) {
#if EX_ASAN
    __asan_unpoison_memory_region(lo, size);
#else
    (void)lo, (void)size;
#endif
}

void ex_fiber_init(ex_fiber *f, const ex_fiber_stacks *s, int slot, void (*entry)(void)) {
    char *lo = s->base + (size_t)slot * s->slot_size + (s->slot_size - s->stack_size);
    char *hi = lo + s->stack_size;
    forget_old_frames(lo, s->stack_size);
    f->stack_lo = lo;
    f->stack_hi = hi;
    /* The frame ex_fiber_switch_asm pops: control words, r15..r12, rbx, rbp, return. */
    uint64_t *sp = (uint64_t *)hi - 2; /* a zero return address above, for backtraces */
    sp[0] = 0;
    sp[1] = 0;
    *--sp = (uint64_t)(uintptr_t)ex_fiber_trampoline;
    *--sp = 0;                           /* rbp */
    *--sp = 0;                           /* rbx */
    *--sp = (uint64_t)(uintptr_t)entry;  /* r12 */
    *--sp = 0;                           /* r13 */
    *--sp = 0;                           /* r14 */
    *--sp = 0;                           /* r15 */
    *--sp = 0x1F80u | (0x037Full << 32); /* mxcsr, x87 control word */
    f->ctx.sp = sp;
}
#else
void ex_fiber_init(ex_fiber *f, const ex_fiber_stacks *s, int slot, void (*entry)(void)) {
    char *lo = s->base + (size_t)slot * s->slot_size + (s->slot_size - s->stack_size);
    forget_old_frames(lo, s->stack_size);
    f->stack_lo = lo;
    f->stack_hi = lo + s->stack_size;
    getcontext(&f->ctx.uc);
    f->ctx.uc.uc_stack.ss_sp = lo;
    f->ctx.uc.uc_stack.ss_size = s->stack_size;
    f->ctx.uc.uc_link = NULL;
    makecontext(&f->ctx.uc, entry, 0);
}
#endif

#if EX_ASAN
/* The OS thread's stack, as AddressSanitizer reported it when we first left it. */
static const void *os_stack_bottom;
static size_t os_stack_size;

/* The first switch ever leaves the OS stack for the main fiber. */
static void asan_finish(void *fake) {
    const void *bottom;
    size_t size;
    __sanitizer_finish_switch_fiber(fake, &bottom, &size);
    if (!os_stack_bottom) {
        os_stack_bottom = bottom;
        os_stack_size = size;
    }
}
#endif

void ex_fiber_started(void) {
#if EX_ASAN
    asan_finish(NULL);
#endif
}

void ex_fiber_switch(ex_fiber_ctx *from, const ex_fiber_ctx *to, const ex_fiber *to_fiber) {
#if EX_ASAN
    void *fake = NULL;
    if (to_fiber)
        __sanitizer_start_switch_fiber(&fake, to_fiber->stack_lo,
                                       (size_t)(to_fiber->stack_hi - to_fiber->stack_lo));
    else
        __sanitizer_start_switch_fiber(&fake, os_stack_bottom, os_stack_size);
#else
    (void)to_fiber;
#endif
#if EX_FIBER_ASM
    ex_fiber_switch_asm(&from->sp, to->sp);
#else
    swapcontext(&from->uc, &to->uc);
#endif
#if EX_ASAN
    asan_finish(fake);
#endif
}
