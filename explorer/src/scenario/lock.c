/* threading.Lock, threading.RLock and _thread.allocate_lock. A lock is a plain struct in
 * scenario memory (zero = unlocked), so it is reset with the scenario's globals. */
#include "execution/runtime.h"
#include "execution/scheduler.h"
#include "analysis/symbols.h"
#include "scenario/heap.h"

#include <string.h>

#define CALLER __builtin_return_address(0)

static ex_op lock_op(ex_op_kind kind, ex_lock *l, bool reentrant, double deadline, const void *pc) {
    ex_op op = {
        .kind = kind, .addr = (uintptr_t)l, .reentrant = reentrant, .deadline = deadline, .pc = pc};
    return op;
}

static bool available(const ex_lock *l, const ex_thread *t, bool reentrant) {
    return l->count_ == 0 || (reentrant && l->owner_ == t);
}

static bool acquire(ex_lock *l, bool reentrant, bool blocking, double timeout, const void *pc) {
    ex_runtime *rt = ex_rt;
    ex_thread *self = rt->exec.current;
    if (!blocking && timeout >= 0)
        ex_misuse(rt, "ValueError: can't specify a timeout for a non-blocking call");
    double deadline = timeout >= 0 ? rt->exec.clock + timeout : -1;
    ex_step(rt, lock_op(blocking ? EX_OP_ACQUIRE : EX_OP_TRY, l, reentrant, deadline, pc));
    if (!available(l, self, reentrant)) {
        ex_clock_reach(rt, deadline); /* timed out, or a non-blocking try failed */
        return false;
    }
    l->owner_ = self;
    if (l->count_++ == 0)
        l->site_ = pc;
    l->kind_ = reentrant;
    return true;
}

static void release(ex_lock *l, bool reentrant, const void *pc) {
    ex_runtime *rt = ex_rt;
    char name[96];
    ex_step(rt, lock_op(EX_OP_RELEASE, l, reentrant, -1, pc));
    if (l->count_ == 0)
        ex_misuse(rt, "RuntimeError: release unlocked lock (%s)",
                  ex_object_name(rt, l, name, sizeof name));
    if (reentrant && l->owner_ != rt->exec.current)
        ex_misuse(rt, "RuntimeError: cannot release un-acquired lock (%s, held by %s)",
                  ex_object_name(rt, l, name, sizeof name), l->owner_->name);
    if (--l->count_ == 0)
        l->owner_ = NULL;
}

bool ex_lock_acquire(ex_lock *lock) {
    ex_need(ex_rt, lock, __func__);
    return acquire(lock, false, true, -1, CALLER);
}

bool ex_lock_acquire_timeout(ex_lock *lock, bool blocking, double timeout) {
    ex_need(ex_rt, lock, __func__);
    return acquire(lock, false, blocking, timeout < 0 ? -1 : timeout, CALLER);
}

void ex_lock_release(ex_lock *lock) {
    ex_need(ex_rt, lock, __func__);
    release(lock, false, CALLER);
}

bool ex_lock_locked(const ex_lock *lock) {
    ex_need(ex_rt, lock, __func__);
    ex_step(ex_rt, lock_op(EX_OP_QUERY, (ex_lock *)lock, false, -1, CALLER));
    return lock->count_ != 0;
}

bool ex_rlock_acquire(ex_rlock *lock) {
    ex_need(ex_rt, lock, __func__);
    return acquire(lock, true, true, -1, CALLER);
}

bool ex_rlock_acquire_timeout(ex_rlock *lock, bool blocking, double timeout) {
    ex_need(ex_rt, lock, __func__);
    return acquire(lock, true, blocking, timeout < 0 ? -1 : timeout, CALLER);
}

void ex_rlock_release(ex_rlock *lock) {
    ex_need(ex_rt, lock, __func__);
    release(lock, true, CALLER);
}

ex_lock *ex_allocate_lock(void) {
    ex_lock *l = ex_heap_object(ex_rt, sizeof *l);
    memset(l, 0, sizeof *l);
    return l;
}
