/* What the explorer does not model yet, reported instead of explored wrongly: an execution
 * that meets it ends as `unsupported`, which is neither a violation nor a proof (the search
 * is then incomplete, as with a runaway).
 *
 * Calls: the scenario is linked with --wrap for pthread_create, thrd_create, fork,
 * pthread_cancel and pthread_kill. Called in an execution, each ends it with the call, its
 * file:line and thread; outside one (a module constructor) the real call is made.
 * (OS threads the explorer did not start that reach a hook: execution/foreign.c.) */
#include "execution/runtime.h"
#include "analysis/symbols.h"
#include "execution/scheduler.h"
#include "scenario/unsupported.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <threads.h>
#include <unistd.h>

#define CALLER __builtin_return_address(0)

/* Ends the execution in progress, if any, at `call` made from `pc`. */
static void refuse(const char *call, const void *pc, const char *why) {
    ex_runtime *rt = ex_rt;
    if (!rt || !rt->in_execution)
        return;
    char site[192];
    ex_symbols_call_site(rt, pc, site, sizeof site);
    ex_end_execution(rt, EX_STATUS_UNSUPPORTED, "%s (%s): %s", call, site, why);
}

EX_API int __wrap_pthread_create(pthread_t *thread, const pthread_attr_t *attr,
                                 void *(*start)(void *), void *arg);
int __wrap_pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *),
                          void *arg) {
    refuse("pthread_create", CALLER, EX_NO_OS_THREADS " (use ex_thread_new)");
    return pthread_create(thread, attr, start, arg);
}

EX_API int __wrap_thrd_create(thrd_t *thread, thrd_start_t start, void *arg);
int __wrap_thrd_create(thrd_t *thread, thrd_start_t start, void *arg) {
    refuse("thrd_create", CALLER, EX_NO_OS_THREADS " (use ex_thread_new)");
    return thrd_create(thread, start, arg);
}

EX_API pid_t __wrap_fork(void);
pid_t __wrap_fork(void) {
    refuse("fork", CALLER, "processes are not modelled");
    return fork();
}

EX_API int __wrap_pthread_cancel(pthread_t thread);
int __wrap_pthread_cancel(pthread_t thread) {
    refuse("pthread_cancel", CALLER, "thread cancellation is not modelled");
    return pthread_cancel(thread);
}

EX_API int __wrap_pthread_kill(pthread_t thread, int sig);
int __wrap_pthread_kill(pthread_t thread, int sig) {
    refuse("pthread_kill", CALLER, "signals to threads are not modelled");
    return pthread_kill(thread, sig);
}
