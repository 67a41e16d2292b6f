/* threading.Semaphore and BoundedSemaphore: a counter; acquire waits while it is 0. */
#include "execution/runtime.h"
#include "execution/scheduler.h"

#define CALLER __builtin_return_address(0)

static bool acquire(ex_semaphore *s, bool blocking, double timeout, const void *pc) {
    ex_runtime *rt = ex_rt;
    if (!blocking && timeout >= 0)
        ex_misuse(rt, "ValueError: can't specify timeout for non-blocking acquire");
    double deadline = !blocking ? rt->exec.clock : timeout >= 0 ? rt->exec.clock + timeout : -1;
    ex_op op = {.kind = EX_OP_SEM_ACQUIRE, .addr = (uintptr_t)s, .deadline = deadline, .pc = pc};
    ex_step(rt, op);
    if (s->value_ <= 0) {
        ex_clock_reach(rt, deadline);
        return false;
    }
    s->value_--;
    return true;
}

bool ex_semaphore_acquire(ex_semaphore *sem) {
    ex_need(ex_rt, sem, __func__);
    return acquire(sem, true, -1, CALLER);
}

bool ex_semaphore_acquire_timeout(ex_semaphore *sem, bool blocking, double timeout) {
    ex_need(ex_rt, sem, __func__);
    return acquire(sem, blocking, timeout < 0 ? -1 : timeout, CALLER);
}

void ex_semaphore_release(ex_semaphore *sem) {
    ex_need(ex_rt, sem, __func__);
    ex_runtime *rt = ex_rt;
    ex_op op = {.kind = EX_OP_SEM_RELEASE, .addr = (uintptr_t)sem, .deadline = -1, .pc = CALLER};
    ex_step(rt, op);
    if (sem->bound_ && sem->value_ >= sem->bound_)
        ex_misuse(rt, "ValueError: Semaphore released too many times");
    sem->value_++;
}
