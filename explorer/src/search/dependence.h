/* Dependence between steps: what each step touches (an `access`) and when two steps do
 * not commute. Partial-order reduction rests on this relation; docs/design.md states it.
 *
 * Memory is compared in 8-byte granules: accesses to a common granule with at least one
 * write are dependent (atomics are writes). Every operation on one lock, semaphore, event
 * or condition is a write of that object; a thread's end is a write of its thread object
 * and a join a read of it; prints write stdout. "Global" steps -- a clock advance, a
 * timeout firing, the main thread's exit -- depend on everything. */
#ifndef EXPLORER_DEPENDENCE_H
#define EXPLORER_DEPENDENCE_H

#include "search/strategy.h"

#include <stddef.h>

typedef enum access_mode { NONE, READ, WRITE, GLOBAL } access_mode;

/* Blocking waits (acquire, join) and what ends them (release, a thread's end) -- or what a
 * thread does while holding the lock (notify) -- are never enabled together, so they do not
 * race with each other; they are still ordered. A wait with a timeout may fire at any time
 * once due, and a semaphore's acquire may be enabled together with a release (when units
 * remain): those are checked against both. */
typedef enum lock_role { NOT_LOCK, BLOCKING_ACQUIRE, RELEASE } lock_role;

typedef struct ex_access { /* 16 bytes: passed and returned in two registers */
    uintptr_t first;       /* the first granule key */
    uint32_t count;        /* the granules first, first + 1, ...: at least 1 for memory */
    uint8_t mode;          /* access_mode */
    uint8_t lock;          /* lock_role */
    int8_t started;        /* a start: the thread it starts (its steps all come after), or -1 */
    bool takes;            /* takes a lock, a semaphore's unit or a thread's end: it races
                              with the step that took it before, across that one's section */
} ex_access;
_Static_assert(sizeof(ex_access) == 16, "ex_access travels in two registers");

#define EX_CLOCK_KEY ((uintptr_t)1) /* the virtual clock's granule: no memory maps there */

/* Two steps of different threads that do not commute. */
static inline bool ex_dependent(ex_access a, ex_access b) {
    if (a.mode == GLOBAL || b.mode == GLOBAL) /* even a thread's first step: exit ends it */
        return true;
    if (a.mode == NONE || b.mode == NONE)
        return false;
    return a.first < b.first + b.count && b.first < a.first + a.count &&
           (a.mode == WRITE || b.mode == WRITE);
}

/* Steps of threads `p` and `q` that must stay in their order: the same thread, dependent,
 * or a start and a step of the thread it starts. */
static inline bool ex_ordered(int p, ex_access a, int q, ex_access b) {
    return p == q || a.started == q || b.started == p || ex_dependent(a, b);
}

static inline ex_access ex_span(access_mode mode, uintptr_t addr, uint32_t size, lock_role lock) {
    uintptr_t first = addr >> 3, last = (addr + (size ? size : 1) - 1) >> 3;
    return (ex_access){first, (uint32_t)(last - first + 1), (uint8_t)mode, (uint8_t)lock, -1,
                       false};
}

static inline ex_access ex_whole(access_mode mode) {
    return (ex_access){0, 0, (uint8_t)mode, NOT_LOCK, -1, false};
}

/* A lock-like object: blocking when the operation can wait without a deadline. */
static inline ex_access ex_object(access_mode mode, const ex_op *op, lock_role lock) {
    return ex_span(mode, op->addr, 1,
                   op->deadline >= 0 && lock == BLOCKING_ACQUIRE ? NOT_LOCK : lock);
}

/* An operation that takes something (see ex_access.takes). */
static inline ex_access ex_taking(access_mode mode, const ex_op *op, lock_role lock) {
    ex_access a = ex_object(mode, op, lock);
    a.takes = true;
    return a;
}

/* What a step does to what it touches: the dependence facts of each operation kind, stated
 * here once. `op` is the operation (its kind, address, size, deadline); for a start,
 * `started` is where the id of the thread it starts is (read for a start only: the
 * scheduler's path need not look first); `timeout` says the step is enabled only by its
 * deadline, `clock_moves` that taking it moves the clock. (Inline: DPOR asks at every new
 * step.) */
static inline __attribute__((always_inline)) ex_access
ex_access_with(const ex_op *op, uintptr_t started, bool timeout, bool clock_moves, bool agnostic) {
    if (op->kind == EX_OP_EXIT)
        return ex_whole(GLOBAL);
    if (op->kind == EX_OP_SLEEP && agnostic)
        return ex_whole(NONE);
    if (op->kind == EX_OP_SLEEP) /* a due sleep reads the clock; a clock advance, global */
        return clock_moves ? ex_whole(GLOBAL)
                           : (ex_access){EX_CLOCK_KEY, 1, READ, NOT_LOCK, -1, false};
    if (timeout && !agnostic) /* it gave up waiting: that depends on every other step */
        return ex_whole(GLOBAL);
    switch (op->kind) {
    case EX_OP_READ:
        return ex_span(READ, op->addr, op->size, NOT_LOCK);
    case EX_OP_WRITE:
    case EX_OP_RMW:
        return ex_span(WRITE, op->addr, op->size, NOT_LOCK);
    case EX_OP_JOIN: /* waits for the END, like an acquire for its release */
        return ex_taking(READ, op, BLOCKING_ACQUIRE);
    case EX_OP_ACQUIRE: /* can wait: never co-enabled with a release of its lock */
    case EX_OP_WAKE:    /* takes the lock back: never enabled while it is held */
        return ex_taking(WRITE, op, BLOCKING_ACQUIRE);
    case EX_OP_RELEASE:
    case EX_OP_WAIT:        /* a condition wait releases its lock */
    case EX_OP_SEM_RELEASE: /* (a semaphore's acquire may be enabled with it: not blocking) */
    case EX_OP_NOTIFY:      /* done holding the lock: no blocking acquire is enabled then */
    case EX_OP_END:
        return ex_object(WRITE, op, RELEASE);
    case EX_OP_START: {
        ex_access a = ex_object(WRITE, op, NOT_LOCK);
        a.started = (int8_t)(*(const int *)started);
        return a;
    }
    case EX_OP_SEM_ACQUIRE:
        return ex_taking(WRITE, op, NOT_LOCK);
    case EX_OP_EVENT_SET:
    case EX_OP_TRY:
    case EX_OP_PRINT:
        return ex_object(WRITE, op, NOT_LOCK);
    case EX_OP_EVENT_WAIT:
    case EX_OP_QUERY:
        return ex_object(READ, op, NOT_LOCK);
    default:
        return ex_whole(NONE);
    }
}

/* What a thread's pending operation touches, as the step it would become (a start's object
 * is the thread it starts). */
static inline __attribute__((always_inline)) ex_access
ex_access_of(const ex_op *op, bool timeout, bool clock_moves, bool agnostic) {
    uintptr_t started = op->addr + offsetof(ex_thread, id);
    return ex_access_with(op, started, timeout, clock_moves, agnostic);
}

/* What a recorded step touched, from what its event holds. For a sleep `timed` says that it
 * moved the clock, for any other step that it timed out. The deadline is not recorded: it
 * only tells lock roles apart, which order steps alike. */
static inline ex_access ex_event_access(const ex_event *e, bool agnostic) {
    ex_op op = {.kind = e->kind,
                .size = e->size,
                .atomic = e->atomic,
                .addr = e->object,
                .deadline = -1,
                .pc = e->pc};
    return ex_access_with(&op, (uintptr_t)&e->target, e->timed, e->timed, agnostic);
}

/* Thread q's pending operation as it may yet run, seen from the state `c` describes: an
 * operation enabled in its own right keeps its access until a dependent step changes that
 * (which wakes a sleeper anyway); one with a deadline that is not may still time out. */
static inline ex_access ex_pending_access(const ex_choice *c, int q) {
    const ex_op *op = &c->threads[q].pending;
    bool ready = (c->enabled >> q & 1) && !(c->timeouts >> q & 1);
    if (op->kind == EX_OP_SLEEP)
        return ex_access_of(op, true, op->deadline > c->clock, c->timing_agnostic);
    return ex_access_of(op, op->deadline >= 0 && !ready, true, c->timing_agnostic);
}

#endif
