/* What the explorer does not model yet, reported instead of explored wrongly: an execution
 * that meets it ends as `unsupported`, which is neither a violation nor a proof (the search
 * is then incomplete, as with a runaway).
 *
 * Calls: the scenario is linked with --wrap for pthread_create, thrd_create, fork,
 * pthread_cancel and pthread_kill. Called in an execution, each ends it with the call, its
 * file:line and thread; outside one (a module constructor) the real call is made.
 *
 * OS threads the explorer did not start (an uninstrumented library's own threads) that
 * reach a hook: ex_rt is thread-local and set on the explorer's own thread only, so on any
 * other thread the hooks find it NULL, never touch a fiber, and call ex_foreign_access(),
 * which keeps the first such access. ex_foreign_report() then ends the execution in
 * progress (or the next, after an abandoned one) as `unsupported`, with that access's
 * file:line. The hooks' fast path pays nothing for this: the NULL test was there already. */
#include "../runtime.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <threads.h>
#include <unistd.h>

#define CALLER __builtin_return_address(0)
#define NO_THREADS "threads of the C library are not modelled yet"

/* The source line of `pc` in buf ("" when unknown). */
static const char *line_of(ex_runtime *rt, const void *pc, char *buf, size_t len) {
    if (!rt->symbols)
        rt->symbols = ex_symbols_open();
    if (!ex_symbols_line(rt->symbols, pc, buf, len))
        buf[0] = '\0';
    return buf;
}

/* Ends the execution in progress, if any, at `call` made from `pc`. */
static void refuse(const char *call, const void *pc, const char *why) {
    ex_runtime *rt = ex_rt;
    if (!rt || !rt->in_execution)
        return;
    char where[128];
    line_of(rt, pc, where, sizeof where);
    ex_end_execution(rt, EX_STATUS_UNSUPPORTED, "%s (%s%sin %s): %s", call, where,
                     where[0] ? ", " : "", rt->current->name, why);
}

int __wrap_pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *),
                          void *arg);
int __wrap_pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *),
                          void *arg) {
    refuse("pthread_create", CALLER, NO_THREADS " (use ex_thread_new)");
    return pthread_create(thread, attr, start, arg);
}

int __wrap_thrd_create(thrd_t *thread, thrd_start_t start, void *arg);
int __wrap_thrd_create(thrd_t *thread, thrd_start_t start, void *arg) {
    refuse("thrd_create", CALLER, NO_THREADS " (use ex_thread_new)");
    return thrd_create(thread, start, arg);
}

pid_t __wrap_fork(void);
pid_t __wrap_fork(void) {
    refuse("fork", CALLER, "processes are not modelled");
    return fork();
}

int __wrap_pthread_cancel(pthread_t thread);
int __wrap_pthread_cancel(pthread_t thread) {
    refuse("pthread_cancel", CALLER, "thread cancellation is not modelled");
    return pthread_cancel(thread);
}

int __wrap_pthread_kill(pthread_t thread, int sig);
int __wrap_pthread_kill(pthread_t thread, int sig) {
    refuse("pthread_kill", CALLER, "signals to threads are not modelled");
    return pthread_kill(thread, sig);
}

/* The first access by an OS thread the explorer did not start, since the last report. */
static _Atomic(const void *) foreign_pc;

void ex_foreign_access(const void *pc) {
    const void *none = NULL;
    if (!atomic_load_explicit(&foreign_pc, memory_order_relaxed))
        atomic_compare_exchange_strong(&foreign_pc, &none, pc ? pc : (const void *)1);
}

void ex_foreign_forget(void) {
    atomic_store(&foreign_pc, NULL);
}

void ex_foreign_report(ex_runtime *rt) {
    if (rt->status == EX_STATUS_ABANDONED || !atomic_load(&foreign_pc))
        return; /* (an abandoned execution leaves it to the next) */
    const void *pc = atomic_exchange(&foreign_pc, NULL);
    char where[128], detail[256];
    line_of(rt, pc, where, sizeof where);
    snprintf(detail, sizeof detail,
             "an OS thread the explorer did not start reached scenario code%s%s: " NO_THREADS,
             where[0] ? " at " : "", where);
    ex_status_text_set(rt, EX_STATUS_UNSUPPORTED, detail);
}
