/* threading.Condition: wait releases the lock and parks the thread; a notify marks the
 * oldest waiters; a marked (or timed-out) waiter takes the lock back in a step of its own.
 * An RLock's recursion depth is kept across the wait, as Python does. */
#include "execution/runtime.h"
#include "execution/scheduler.h"

#define CALLER __builtin_return_address(0)

static ex_lock *lock_of(ex_condition *c) {
    return c->lock_ ? c->lock_ : &c->own_lock_;
}

static bool reentrant(ex_condition *c) {
    return !c->lock_ || c->lock_->kind_; /* its own lock is an RLock */
}

void ex_condition_use(ex_condition *cond, ex_lock *lock) {
    ex_need(ex_rt, cond, __func__);
    cond->lock_ = lock;
}

void ex_condition_acquire(ex_condition *cond) {
    ex_need(ex_rt, cond, __func__);
    if (reentrant(cond))
        ex_rlock_acquire(lock_of(cond));
    else
        ex_lock_acquire(lock_of(cond));
}

void ex_condition_release(ex_condition *cond) {
    ex_need(ex_rt, cond, __func__);
    if (reentrant(cond))
        ex_rlock_release(lock_of(cond));
    else
        ex_lock_release(lock_of(cond));
}

static void must_hold(ex_runtime *rt, ex_condition *c, const char *what) {
    ex_lock *l = lock_of(c);
    if (l->count_ == 0 || (reentrant(c) && l->owner_ != rt->exec.current))
        ex_misuse(rt, "RuntimeError: cannot %s on un-acquired lock", what);
}

static bool wait(ex_condition *c, double timeout, const void *pc) {
    ex_runtime *rt = ex_rt;
    ex_thread *self = rt->exec.current;
    ex_lock *l = lock_of(c);
    ex_op op = {.kind = EX_OP_WAIT, .addr = (uintptr_t)l, .deadline = -1, .pc = pc};
    ex_step(rt, op);
    must_hold(rt, c, "wait");
    unsigned depth = l->count_; /* release it all, remember how deep */
    l->count_ = 0;
    l->owner_ = NULL;
    c->waiters_ |= 1ull << self->id;
    self->notified = false;
    self->wait_order = ++rt->exec.wait_count;
    double deadline = timeout >= 0 ? rt->exec.clock + timeout : -1;
    ex_op wake = {.kind = EX_OP_WAKE,
                  .addr = (uintptr_t)l,
                  .reentrant = reentrant(c),
                  .deadline = deadline,
                  .pc = pc};
    ex_step(rt, wake); /* enabled once notified and the lock is free, or at the deadline */
    bool notified = self->notified;
    c->waiters_ &= ~(1ull << self->id);
    if (!notified)
        ex_clock_reach(rt, deadline);
    if (l->count_ != 0) /* timed out while another thread holds the lock: wait for it */
        ex_step(rt, (ex_op){.kind = EX_OP_ACQUIRE,
                            .addr = (uintptr_t)l,
                            .reentrant = reentrant(c),
                            .deadline = -1,
                            .pc = pc});
    l->owner_ = self;
    l->count_ = depth;
    l->site_ = pc;
    return notified;
}

void ex_condition_wait(ex_condition *cond) {
    ex_need(ex_rt, cond, __func__);
    wait(cond, -1, CALLER);
}

bool ex_condition_wait_timeout(ex_condition *cond, double timeout) {
    ex_need(ex_rt, cond, __func__);
    return wait(cond, timeout < 0 ? -1 : timeout, CALLER);
}

static void notify(ex_condition *c, int n, const void *pc) {
    ex_runtime *rt = ex_rt;
    ex_op op = {.kind = EX_OP_NOTIFY, .addr = (uintptr_t)lock_of(c), .deadline = -1, .pc = pc};
    ex_step(rt, op);
    must_hold(rt, c, "notify");
    for (; n > 0; n--) { /* the oldest waiters not yet notified */
        ex_thread *oldest = NULL;
        for (uint64_t w = c->waiters_; w; w &= w - 1) {
            ex_thread *t = &rt->threads[__builtin_ctzll(w)];
            if (!t->notified && (!oldest || t->wait_order < oldest->wait_order))
                oldest = t;
        }
        if (!oldest)
            break;
        oldest->notified = true;
    }
}

void ex_condition_notify(ex_condition *cond, int n) {
    ex_need(ex_rt, cond, __func__);
    notify(cond, n, CALLER);
}

void ex_condition_notify_all(ex_condition *cond) {
    ex_need(ex_rt, cond, __func__);
    notify(cond, EX_MAX_THREADS, CALLER);
}
