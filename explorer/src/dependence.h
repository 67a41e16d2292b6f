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

#include "runtime.h"

typedef enum access_mode { NONE, READ, WRITE, GLOBAL } access_mode;

/* Blocking waits (acquire, join) and what ends them (release, a thread's end) -- or what a
 * thread does while holding the lock (notify) -- are never enabled together, so they do not
 * race with each other; they are still ordered. A wait with a timeout may fire at any time
 * once due, and a semaphore's acquire may be enabled together with a release (when units
 * remain): those are checked against both. */
typedef enum lock_role { NOT_LOCK, BLOCKING_ACQUIRE, RELEASE } lock_role;

typedef struct access {
    uintptr_t first, last; /* granule keys */
    uint8_t mode;          /* access_mode */
    uint8_t lock;          /* lock_role */
    int8_t started;        /* a start: the thread it starts (its steps all come after), or -1 */
} access;

#define EX_CLOCK_KEY ((uintptr_t)1) /* the virtual clock's granule: no memory maps there */

/* What a thread's pending operation touches, as the step it would become: `timeout` says
 * it is enabled only by its deadline, `clock_moves` that taking it moves the clock. */
access ex_access_of(const ex_op *op, bool timeout, bool clock_moves, bool agnostic);

/* Thread q's pending operation as it may yet run, seen from the state `c` describes: an
 * operation enabled in its own right keeps its access until a dependent step changes that
 * (which wakes a sleeper anyway); one with a deadline that is not may still time out. */
access ex_pending_access(const ex_choice *c, int q);

/* Two steps of different threads that do not commute. */
static inline bool ex_dependent(access a, access b) {
    if (a.mode == GLOBAL || b.mode == GLOBAL) /* even a thread's first step: exit ends it */
        return true;
    if (a.mode == NONE || b.mode == NONE)
        return false;
    return a.first <= b.last && b.first <= a.last && (a.mode == WRITE || b.mode == WRITE);
}

/* Steps of threads `p` and `q` that must stay in their order: the same thread, dependent,
 * or a start and a step of the thread it starts. */
static inline bool ex_ordered(int p, access a, int q, access b) {
    return p == q || a.started == q || b.started == p || ex_dependent(a, b);
}

#endif
