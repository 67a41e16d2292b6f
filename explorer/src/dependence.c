/* What each step touches, for the dependence relation (see dependence.h). */
#include "dependence.h"

static access span(access_mode mode, uintptr_t addr, uint32_t size, lock_role lock) {
    return (access){addr >> 3, (addr + (size ? size : 1) - 1) >> 3, (uint8_t)mode, (uint8_t)lock,
                    -1};
}

static access whole(access_mode mode) {
    return (access){0, 0, (uint8_t)mode, NOT_LOCK, -1};
}

/* A lock-like object: blocking when the operation can wait without a deadline. */
static access object(access_mode mode, const ex_op *op, lock_role lock) {
    return span(mode, op->addr, 1, op->deadline >= 0 && lock == BLOCKING_ACQUIRE ? NOT_LOCK : lock);
}

access ex_access_of(const ex_op *op, bool timeout, bool clock_moves, bool agnostic) {
    if (op->kind == EX_OP_EXIT)
        return whole(GLOBAL);
    if (op->kind == EX_OP_SLEEP && agnostic)
        return whole(NONE);
    if (op->kind == EX_OP_SLEEP) /* a due sleep reads the clock; a clock advance, global */
        return clock_moves ? whole(GLOBAL)
                           : (access){EX_CLOCK_KEY, EX_CLOCK_KEY, READ, NOT_LOCK, -1};
    if (timeout && !agnostic) /* it gave up waiting: that depends on every other step */
        return whole(GLOBAL);
    switch (op->kind) {
    case EX_OP_READ:
        return span(READ, op->addr, op->size, NOT_LOCK);
    case EX_OP_WRITE:
    case EX_OP_RMW:
        return span(WRITE, op->addr, op->size, NOT_LOCK);
    case EX_OP_JOIN: /* waits for the END, like an acquire for its release */
        return object(READ, op, BLOCKING_ACQUIRE);
    case EX_OP_ACQUIRE: /* can wait: never co-enabled with a release of its lock */
    case EX_OP_WAKE:    /* takes the lock back: never enabled while it is held */
        return object(WRITE, op, BLOCKING_ACQUIRE);
    case EX_OP_RELEASE:
    case EX_OP_WAIT:        /* a condition wait releases its lock */
    case EX_OP_SEM_RELEASE: /* (a semaphore's acquire may be enabled with it: not blocking) */
    case EX_OP_NOTIFY:      /* done holding the lock: no blocking acquire is enabled then */
    case EX_OP_END:
        return object(WRITE, op, RELEASE);
    case EX_OP_START: {
        access a = object(WRITE, op, NOT_LOCK);
        a.started = (int8_t)((const ex_thread *)op->addr)->id;
        return a;
    }
    case EX_OP_SEM_ACQUIRE:
    case EX_OP_EVENT_SET:
    case EX_OP_TRY:
    case EX_OP_PRINT:
        return object(WRITE, op, NOT_LOCK);
    case EX_OP_EVENT_WAIT:
    case EX_OP_QUERY:
        return object(READ, op, NOT_LOCK);
    default:
        return whole(NONE);
    }
}

access ex_pending_access(const ex_choice *c, int q) {
    const ex_op *op = &c->threads[q].pending;
    bool ready = (c->enabled >> q & 1) && !(c->timeouts >> q & 1);
    if (op->kind == EX_OP_SLEEP)
        return ex_access_of(op, true, op->deadline > c->clock, c->timing_agnostic);
    return ex_access_of(op, op->deadline >= 0 && !ready, true, c->timing_agnostic);
}
