/* threading.Thread and _thread.start_new_thread: creating, starting, joining and ending
 * scenario threads, and calling their targets through libffi. */
#include "scenario/thread.h"
#include "analysis/symbols.h"
#include "execution/scheduler.h"
#include "search/stateful/state.h"
#include "util/arena.h"

#include <stdio.h>
#include <string.h>

static ex_runtime *runtime(void) {
    return ex_rt;
}

#define CALLER __builtin_return_address(0)

static ex_op op_on(ex_op_kind kind, const void *object, double deadline, const void *pc) {
    ex_op op = {.kind = kind, .addr = (uintptr_t)object, .deadline = deadline, .pc = pc};
    return op;
}

/* Python's "Thread-N", without printf: this runs for every thread of every execution. */
static void thread_auto_name(ex_thread *t, int n) {
    char digits[12];
    int len = 0;
    do
        digits[len++] = (char)('0' + n % 10);
    while ((n /= 10) && len < (int)sizeof digits);
    memcpy(t->name, "Thread-", 7);
    for (int i = 0; i < len; i++)
        t->name[7 + i] = digits[len - 1 - i];
    t->name[7 + len] = '\0';
}

ex_thread *ex_thread_alloc(ex_runtime *rt, const char *name) {
    if (rt->exec.thread_count == EX_MAX_THREADS)
        ex_misuse(rt, "too many threads: the explorer runs at most %d per execution",
                  EX_MAX_THREADS);
    ex_thread *t = &rt->threads[rt->exec.thread_count];
    t->id = rt->exec.thread_count++;
    t->state = EX_T_NEW;
    t->daemon = false;
    rt->calls[t->id].target = NULL;
    rt->calls[t->id].arg_count = 0;
    t->notified = false;
    t->wait_order = 0;
    if (name)
        ex_thread_set_name(t, name);
    else
        thread_auto_name(t, ++rt->exec.unnamed_count);
    return t;
}

/* Python's shutdown: the main thread waits for every non-daemon thread, then the
 * execution ends and daemon threads are abandoned. */
_Noreturn static void main_exit(ex_runtime *rt, const void *pc) {
    ex_step(rt, op_on(EX_OP_EXIT, rt->exec.current, -1, pc));
    ex_status_text_set(rt, EX_STATUS_OK, NULL);
    ex_leave_execution(rt);
}

/* The first code of every fiber. */
static void thread_entry(void) {
    ex_fiber_started();
    ex_runtime *rt = runtime();
    ex_thread *t = rt->exec.current;
    if (t->id == 0) {
        rt->module->scenario->main();
        main_exit(rt, NULL);
    }
    ex_thread_call *call = &rt->calls[t->id];
    ffi_call(&call->cif, FFI_FN(call->target), NULL, call->arg_values);
    ex_thread_exit();
}

ex_thread *ex_thread_main_init(ex_runtime *rt) {
    ex_thread *t = ex_thread_alloc(rt, "MainThread");
    t->state = EX_T_LIVE;
    t->pending = op_on(EX_OP_BEGIN, t, -1, NULL);
    ex_fiber_init(&rt->fibers[t->id], &rt->stacks, t->id, thread_entry);
    ex_state_thread_born(rt, t);
    return t;
}

static ffi_type *arg_ffi_type(ex_arg_type type) {
    switch (type) {
    case EX_ARG_DOUBLE:
        return &ffi_type_double;
    case EX_ARG_LONG:
        return &ffi_type_slong;
    case EX_ARG_PTR:
    case EX_ARG_STR:
        return &ffi_type_pointer;
    default:
        return &ffi_type_sint;
    }
}

static void bind_args(ex_runtime *rt, ex_thread *t, const ex_args *args) {
    ex_thread_call *call = &rt->calls[t->id];
    if (args->count < 0 || args->count > EX_MAX_ARGS)
        ex_misuse(rt, "a thread takes at most %d arguments, not %d", EX_MAX_ARGS, args->count);
    for (int i = 0; i < args->count; i++) {
        ex_arg *a = &call->args[i];
        *a = args->arg[i];
        if (a->type == EX_ARG_STR && a->v.s) { /* alive as long as the thread */
            size_t n = strlen(a->v.s) + 1;
            char *copy = ex_arena_alloc(&rt->scratch, n);
            memcpy(copy, a->v.s, n);
            a->v.s = copy;
        }
        call->arg_types[i] = arg_ffi_type(a->type);
        call->arg_values[i] = &a->v; /* each member starts at the union's address */
    }
    call->arg_count = args->count;
    if (ffi_prep_cif(&call->cif, FFI_DEFAULT_ABI, (unsigned)args->count, &ffi_type_void,
                     call->arg_types) != FFI_OK)
        ex_misuse(rt, "libffi could not prepare the call of %s's target", t->name);
}

ex_thread *ex_thread_create(ex_target target, ex_args args, const char *name) {
    ex_runtime *rt = runtime();
    ex_thread *t = ex_thread_alloc(rt, name);
    rt->calls[t->id].target = target;
    t->daemon = rt->exec.current->daemon; /* Python: inherited from the creating thread */
    bind_args(rt, t, &args);
    ex_state_thread_born(rt, t);
    return t;
}

void ex_thread_start(ex_thread *t) {
    ex_need(ex_rt, t, __func__);
    ex_runtime *rt = runtime();
    ex_step(rt, op_on(EX_OP_START, t, -1, CALLER));
    if (t->state != EX_T_NEW)
        ex_misuse(rt, "RuntimeError: threads can only be started once (%s)", t->name);
    t->state = EX_T_LIVE;
    t->pending = op_on(EX_OP_BEGIN, t, -1, NULL);
    ex_fiber_init(&rt->fibers[t->id], &rt->stacks, t->id, thread_entry);
}

static void join(ex_thread *t, double timeout, const void *pc) {
    ex_runtime *rt = runtime();
    if (t == rt->exec.current)
        ex_misuse(rt, "RuntimeError: cannot join current thread");
    double deadline = timeout >= 0 ? rt->exec.clock + timeout : -1;
    ex_step(rt, op_on(EX_OP_JOIN, t, deadline, pc));
    if (t->state == EX_T_NEW)
        ex_misuse(rt, "RuntimeError: cannot join thread before it is started (%s)", t->name);
    if (t->state == EX_T_LIVE)
        ex_clock_reach(rt, deadline); /* timed out */
}

void ex_thread_join(ex_thread *t) {
    ex_need(ex_rt, t, __func__);
    join(t, -1, CALLER);
}

void ex_thread_join_timeout(ex_thread *t, double timeout) {
    ex_need(ex_rt, t, __func__);
    join(t, timeout < 0 ? -1 : timeout, CALLER);
}

bool ex_thread_is_alive(const ex_thread *t) {
    ex_need(ex_rt, t, __func__);
    ex_step(runtime(), op_on(EX_OP_QUERY, t, -1, CALLER)); /* another thread may end it */
    return t->state == EX_T_LIVE;
}

const char *ex_thread_name(const ex_thread *t) {
    ex_need(ex_rt, t, __func__);
    if (ex_rt && t != ex_rt->exec.current) /* another thread may rename it without a step */
        ex_state_note(ex_rt, t->name, strlen(t->name));
    return t->name;
}

void ex_thread_set_name(ex_thread *t, const char *name) {
    ex_need(ex_rt, t, __func__);
    size_t len = strnlen(name, sizeof t->name - 1);
    memcpy(t->name, name, len);
    t->name[len] = '\0';
}

bool ex_thread_is_daemon(const ex_thread *t) {
    ex_need(ex_rt, t, __func__);
    if (ex_rt && t != ex_rt->exec.current)
        ex_state_note(ex_rt, &t->daemon, sizeof t->daemon);
    return t->daemon;
}

void ex_thread_set_daemon(ex_thread *t, bool daemon) {
    ex_need(ex_rt, t, __func__);
    if (t->state != EX_T_NEW)
        ex_misuse(runtime(), "RuntimeError: cannot set daemon status of active thread (%s)",
                  t->name);
    t->daemon = daemon;
}

ex_thread *ex_current_thread(void) {
    return runtime()->exec.current;
}

ex_thread *ex_main_thread(void) {
    return &runtime()->threads[0];
}

const char *ex_current_name(void) {
    return runtime()->exec.current->name;
}

ex_thread *ex_start_new_thread_(ex_target target, ex_args args) {
    ex_thread *t = ex_thread_create(target, args, NULL);
    t->daemon = true; /* _thread's threads die with the main thread */
    ex_thread_start(t);
    return t;
}

_Noreturn void ex_thread_exit(void) {
    ex_runtime *rt = runtime();
    ex_thread *t = rt->exec.current;
    if (t->id == 0) { /* the main thread: as if its function returned */
        main_exit(rt, CALLER);
    }
    ex_step(rt, op_on(EX_OP_END, t, -1, NULL));
    ex_step_final(rt);
}

/* A name for an object in scenario memory: its symbol (plus offset), heap+offset, or its
 * address. */
