/* The compiler's ThreadSanitizer hooks (__tsan_*), defined here so that scenario code
 * compiled with -fsanitize=thread reports every load, store and atomic to the explorer;
 * libtsan is never linked. Each visible access is a step.
 *
 * The stack filter: an access to the running thread's own stack is invisible unless that
 * page is marked shared. An access to another thread's stack marks the page shared for the
 * rest of the search and asks for a restart, because the owner's earlier accesses to it
 * were filtered out. Fiber stacks sit at the same addresses in every execution, so the set
 * of shared pages only grows and the restarted search sees every dependency. */
#include "execution/runtime.h"
#include "execution/foreign.h"
#include "execution/scheduler.h"
#include "scenario/heap_check.h"

#include <string.h>

static bool visible(ex_runtime *rt, uintptr_t addr) {
    int slot = ex_fiber_stacks_slot(&rt->stacks, addr);
    if (slot >= 0) {
        size_t page = (addr - (uintptr_t)rt->stacks.base) / EX_STACK_PAGE;
        uint8_t bit = (uint8_t)(1u << (page & 7));
        if (rt->shared_stack_pages[page >> 3] & bit)
            return true;
        if (slot == rt->exec.current->id)
            return false;
        ex_stack_page_share(rt, page);
        rt->restart_needed = true;
        return true;
    }
    const ex_scenario *sc = rt->module->scenario;
    return !(addr >= (uintptr_t)sc->untracked_begin && addr < (uintptr_t)sc->untracked_end);
}

/* The access of the step just taken happens now: one to the heap is checked. (Out of line
 * and called last, so that nothing has to survive the step in a register and the hooks'
 * frames stay as small: every suspended thread's stack is copied by the checkpoints. A
 * program that has not allocated pays a jump, a load and a test.) */
__attribute__((noinline)) static void heap_check_done(void) {
    ex_runtime *rt = ex_rt;
    if (!rt->heap.used)
        return;
    const ex_op *done = &rt->exec.current->pending;
    uintptr_t heap_offset = done->addr - (uintptr_t)rt->heap.base;
    if (heap_offset < rt->heap.reserved)
        ex_heap_check(rt, heap_offset, done->size, done->kind != EX_OP_READ, done->pc);
}

static inline void step(uintptr_t addr, uint32_t size, ex_op_kind kind, bool atomic,
                        const void *pc) {
    ex_runtime *rt = ex_rt;
    if (!rt) { /* no search, or not the explorer's thread */
        ex_foreign_access(pc);
        return;
    }
    if (!rt->in_execution || !visible(rt, addr))
        return;
    ex_op *op = &rt->exec.current->pending; /* (in place: the frame stays small) */
    op->kind = kind;
    op->size = size;
    op->reentrant = false;
    op->atomic = atomic;
    op->addr = addr;
    op->deadline = -1;
    op->pc = pc;
    ex_step_pending(rt);
    heap_check_done();
}

static inline void access(uintptr_t addr, uint32_t size, ex_op_kind kind, const void *pc) {
    step(addr, size, kind, false, pc);
}

static inline void atomic_access(uintptr_t addr, uint32_t size, ex_op_kind kind, const void *pc) {
    step(addr, size, kind, true, pc);
}

/* Every __tsan_* entry point below is the ABI scenario modules link against: exported. */
#pragma GCC visibility push(default)

#define PC __builtin_return_address(0)
#define EX_HOOK(name, size, kind)                                                                  \
    void __tsan_##name(void *addr);                                                                \
    void __tsan_##name(void *addr) {                                                               \
        access((uintptr_t)addr, size, kind, PC);                                                   \
    }
#define EX_HOOKS(n)                                                                                \
    EX_HOOK(read##n, n, EX_OP_READ)                                                                \
    EX_HOOK(write##n, n, EX_OP_WRITE)                                                              \
    EX_HOOK(unaligned_read##n, n, EX_OP_READ)                                                      \
    EX_HOOK(unaligned_write##n, n, EX_OP_WRITE)                                                    \
    EX_HOOK(volatile_read##n, n, EX_OP_READ)                                                       \
    EX_HOOK(volatile_write##n, n, EX_OP_WRITE)
EX_HOOKS(1)
EX_HOOKS(2)
EX_HOOKS(4)
EX_HOOKS(8)
EX_HOOKS(16)
EX_HOOK(vptr_read, 8, EX_OP_READ)

void __tsan_vptr_update(void **addr, void *value);
void __tsan_vptr_update(void **addr, void *value) {
    (void)value;
    access((uintptr_t)addr, 8, EX_OP_WRITE, PC);
}

void __tsan_read_range(void *addr, unsigned long size);
void __tsan_read_range(void *addr, unsigned long size) {
    access((uintptr_t)addr, (uint32_t)size, EX_OP_READ, PC);
}

void __tsan_write_range(void *addr, unsigned long size);
void __tsan_write_range(void *addr, unsigned long size) {
    access((uintptr_t)addr, (uint32_t)size, EX_OP_WRITE, PC);
}

void *__tsan_memcpy(void *dst, const void *src, unsigned long size);
void *__tsan_memcpy(void *dst, const void *src, unsigned long size) {
    access((uintptr_t)src, (uint32_t)size, EX_OP_READ, PC);
    access((uintptr_t)dst, (uint32_t)size, EX_OP_WRITE, PC);
    return memcpy(dst, src, size);
}

void *__tsan_memmove(void *dst, const void *src, unsigned long size);
void *__tsan_memmove(void *dst, const void *src, unsigned long size) {
    access((uintptr_t)src, (uint32_t)size, EX_OP_READ, PC);
    access((uintptr_t)dst, (uint32_t)size, EX_OP_WRITE, PC);
    return memmove(dst, src, size);
}

void *__tsan_memset(void *dst, int c, unsigned long size);
void *__tsan_memset(void *dst, int c, unsigned long size) {
    access((uintptr_t)dst, (uint32_t)size, EX_OP_WRITE, PC);
    return memset(dst, c, size);
}

void __tsan_init(void);
void __tsan_init(void) {}
void __tsan_func_entry(void *pc);
void __tsan_func_entry(void *pc) {
    (void)pc;
}
void __tsan_func_exit(void);
void __tsan_func_exit(void) {}
void __tsan_ignore_thread_begin(void);
void __tsan_ignore_thread_begin(void) {}
void __tsan_ignore_thread_end(void);
void __tsan_ignore_thread_end(void) {}

/* Atomics: sequentially consistent steps (the memory order argument is ignored). */
void __tsan_atomic_thread_fence(int mo);
void __tsan_atomic_thread_fence(int mo) {
    (void)mo;
}
void __tsan_atomic_signal_fence(int mo);
void __tsan_atomic_signal_fence(int mo) {
    (void)mo;
}

#define EX_ATOMIC_RMW(n, T, op, builtin)                                                           \
    T __tsan_atomic##n##_##op(volatile T *a, T v, int mo);                                         \
    T __tsan_atomic##n##_##op(volatile T *a, T v, int mo) {                                        \
        (void)mo;                                                                                  \
        atomic_access((uintptr_t)a, n / 8, EX_OP_RMW, PC);                                         \
        return builtin(a, v, __ATOMIC_SEQ_CST);                                                    \
    }
#define EX_ATOMICS(n, T)                                                                           \
    T __tsan_atomic##n##_load(const volatile T *a, int mo);                                        \
    T __tsan_atomic##n##_load(const volatile T *a, int mo) {                                       \
        (void)mo;                                                                                  \
        atomic_access((uintptr_t)a, n / 8, EX_OP_READ, PC);                                        \
        return __atomic_load_n(a, __ATOMIC_SEQ_CST);                                               \
    }                                                                                              \
    void __tsan_atomic##n##_store(volatile T *a, T v, int mo);                                     \
    void __tsan_atomic##n##_store(volatile T *a, T v, int mo) {                                    \
        (void)mo;                                                                                  \
        atomic_access((uintptr_t)a, n / 8, EX_OP_WRITE, PC);                                       \
        __atomic_store_n(a, v, __ATOMIC_SEQ_CST);                                                  \
    }                                                                                              \
    EX_ATOMIC_RMW(n, T, exchange, __atomic_exchange_n)                                             \
    EX_ATOMIC_RMW(n, T, fetch_add, __atomic_fetch_add)                                             \
    EX_ATOMIC_RMW(n, T, fetch_sub, __atomic_fetch_sub)                                             \
    EX_ATOMIC_RMW(n, T, fetch_and, __atomic_fetch_and)                                             \
    EX_ATOMIC_RMW(n, T, fetch_or, __atomic_fetch_or)                                               \
    EX_ATOMIC_RMW(n, T, fetch_xor, __atomic_fetch_xor)                                             \
    EX_ATOMIC_RMW(n, T, fetch_nand, __atomic_fetch_nand)                                           \
    int __tsan_atomic##n##_compare_exchange_strong(volatile T *a, T *c, T v, int mo, int fmo);     \
    int __tsan_atomic##n##_compare_exchange_strong(volatile T *a, T *c, T v, int mo, int fmo) {    \
        (void)mo, (void)fmo;                                                                       \
        atomic_access((uintptr_t)a, n / 8, EX_OP_RMW, PC);                                         \
        return __atomic_compare_exchange_n(a, c, v, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);        \
    }                                                                                              \
    int __tsan_atomic##n##_compare_exchange_weak(volatile T *a, T *c, T v, int mo, int fmo);       \
    int __tsan_atomic##n##_compare_exchange_weak(volatile T *a, T *c, T v, int mo, int fmo) {      \
        (void)mo, (void)fmo;                                                                       \
        atomic_access((uintptr_t)a, n / 8, EX_OP_RMW, PC);                                         \
        return __atomic_compare_exchange_n(a, c, v, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);        \
    }                                                                                              \
    T __tsan_atomic##n##_compare_exchange_val(volatile T *a, T c, T v, int mo, int fmo);           \
    T __tsan_atomic##n##_compare_exchange_val(volatile T *a, T c, T v, int mo, int fmo) {          \
        (void)mo, (void)fmo;                                                                       \
        atomic_access((uintptr_t)a, n / 8, EX_OP_RMW, PC);                                         \
        __atomic_compare_exchange_n(a, &c, v, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);              \
        return c;                                                                                  \
    }
EX_ATOMICS(8, uint8_t)
EX_ATOMICS(16, uint16_t)
EX_ATOMICS(32, uint32_t)
EX_ATOMICS(64, uint64_t)

#pragma GCC visibility pop
