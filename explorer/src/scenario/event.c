/* threading.Event: a flag; wait blocks until it is set. */
#include "execution/runtime.h"
#include "execution/scheduler.h"

#define CALLER __builtin_return_address(0)

static void flag_step(ex_event_flag *e, ex_op_kind kind, double deadline, const void *pc) {
    ex_op op = {.kind = kind, .addr = (uintptr_t)e, .deadline = deadline, .pc = pc};
    ex_step(ex_rt, op);
}

void ex_event_set(ex_event_flag *event) {
    ex_need(ex_rt, event, __func__);
    flag_step(event, EX_OP_EVENT_SET, -1, CALLER);
    event->set_ = true;
}

void ex_event_clear(ex_event_flag *event) {
    ex_need(ex_rt, event, __func__);
    flag_step(event, EX_OP_EVENT_SET, -1, CALLER);
    event->set_ = false;
}

bool ex_event_is_set(ex_event_flag *event) {
    ex_need(ex_rt, event, __func__);
    flag_step(event, EX_OP_QUERY, -1, CALLER);
    return event->set_;
}

static bool wait(ex_event_flag *e, double timeout, const void *pc) {
    ex_runtime *rt = ex_rt;
    double deadline = timeout >= 0 ? rt->exec.clock + timeout : -1;
    flag_step(e, EX_OP_EVENT_WAIT, deadline, pc);
    if (!e->set_)
        ex_clock_reach(rt, deadline);
    return e->set_;
}

void ex_event_wait(ex_event_flag *event) {
    ex_need(ex_rt, event, __func__);
    wait(event, -1, CALLER);
}

bool ex_event_wait_timeout(ex_event_flag *event, double timeout) {
    ex_need(ex_rt, event, __func__);
    return wait(event, timeout < 0 ? -1 : timeout, CALLER);
}
