/* Crash isolation: a fault in scenario code (bad memory access, stack overflow into the
 * guard page, abort, arithmetic trap) ends that execution with a `crash` outcome and the
 * search goes on. The handler runs on an alternate signal stack and leaves the faulting
 * fiber for good by switching back to the search loop. A fault outside an execution is
 * the explorer's own: the default action runs.
 *
 * Runaway threads: a thread that loops without any visible operation never reaches a
 * scheduling point. A CPU-time timer (ITIMER_VIRTUAL) ticks every 100 ms; when a whole
 * second of CPU passes without a step while the fiber runs scenario code, that
 * execution ends as `runaway`; and when the time limit has passed, as abandoned by it. */
#include "execution/fault.h"
#include "execution/scheduler.h"

#include <dlfcn.h>
#include <dlfcn.h>
#include <signal.h>
#include <ucontext.h>
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#define ALT_STACK_SIZE (64 * 1024)
#define TICK_USEC 100000 /* 0.1 s of CPU: a tenth of the runaway time, 5% of a 2 s limit */
#define RUNAWAY_TICKS 10

static const int fault_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP};
static const int interrupt_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define INTERRUPTS (sizeof interrupt_signals / sizeof interrupt_signals[0])

static const char *signal_name(int sig) {
    switch (sig) {
    case SIGSEGV:
        return "SIGSEGV";
    case SIGBUS:
        return "SIGBUS";
    case SIGFPE:
        return "SIGFPE";
    case SIGILL:
        return "SIGILL";
    case SIGABRT:
        return "SIGABRT";
    default:
        return "SIGTRAP";
    }
}

/* Where a bad access went, in words that are the same in every run (so a replay's message
 * is the search's): the address itself only near NULL; else relative to the scenario's heap,
 * or whose stack it is in; elsewhere no number (other mappings move from run to run). */
static void describe_address(const ex_runtime *rt, uintptr_t addr, char *buf, size_t len) {
    uintptr_t heap = (uintptr_t)rt->heap.base;
    int slot = ex_fiber_stacks_slot(&rt->stacks, addr);
    if (addr == 0)
        snprintf(buf, len, "at (nil)");
    else if (addr < 65536)
        snprintf(buf, len, "at 0x%lx", (unsigned long)addr);
    else if (addr - heap < rt->heap.reserved)
        snprintf(buf, len, "at heap+0x%zx", (size_t)(addr - heap));
    else if (slot >= 0 && slot < rt->exec.thread_count)
        snprintf(buf, len, "in the stack of %s", rt->threads[slot].name);
    else
        snprintf(buf, len, "outside the scenario's heap and stacks");
}

static void on_fault(int sig, siginfo_t *info, void *uctx) {
    (void)uctx;
    ex_runtime *rt = ex_rt;
    if (!rt || !rt->in_execution) {
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    rt->in_execution = false; /* a second fault while reporting this one is ours */
    int slot = ex_fiber_stacks_slot(&rt->stacks, (uintptr_t)info->si_addr);
    const ex_thread *t = rt->exec.current;
    char detail[256];
    if ((sig == SIGSEGV || sig == SIGBUS) && slot >= 0 &&
        (uintptr_t)info->si_addr < (uintptr_t)rt->stacks.base +
                                       (size_t)slot * rt->stacks.slot_size +
                                       (rt->stacks.slot_size - rt->stacks.stack_size))
        snprintf(detail, sizeof detail,
                 "stack overflow in %s (its stack is %zu KiB; see --stack-size)", t->name,
                 rt->stacks.stack_size / 1024);
    else if (sig == SIGSEGV || sig == SIGBUS) {
        char where[96];
        describe_address(rt, (uintptr_t)info->si_addr, where, sizeof where);
        snprintf(detail, sizeof detail, "%s in %s: bad memory access %s", signal_name(sig), t->name,
                 where);
    } else
        snprintf(detail, sizeof detail, "%s in %s", signal_name(sig), t->name);
    ex_status_text_set(rt, EX_STATUS_CRASH, detail);
    ex_leave_execution(rt);
}

static bool pc_in_scenario(const ex_runtime *rt, void *uctx) {
#if defined(__x86_64__)
    uintptr_t pc = (uintptr_t)((ucontext_t *)uctx)->uc_mcontext.gregs[REG_RIP];
    Dl_info info;
    return dladdr((void *)pc, &info) && info.dli_fbase &&
           strcmp(info.dli_fname, rt->module->path) == 0;
#else
    (void)rt, (void)uctx;
    return false; /* elsewhere only the step limit stops a runaway */
#endif
}

/* Leaves the execution from the tick's handler: `status` with `detail`. */
_Noreturn static void leave_from_tick(ex_runtime *rt, ex_status status, const char *detail) {
    rt->in_execution = false;
    ex_status_text_set(rt, status, detail);
    ex_leave_execution(rt);
}

/* Every tick: a thread that made no step for RUNAWAY_TICKS ticks is a runaway; and once
 * the search's time limit has passed, the execution is abandoned at the next tick that
 * finds scenario code running (the steps check the limit themselves). */
static void on_tick(int sig, siginfo_t *info, void *uctx) {
    (void)sig, (void)info;
    ex_runtime *rt = ex_rt;
    if (!rt || !rt->in_execution)
        return;
    bool late = ex_time_is_up(rt);
    if (!late && (rt->watch_steps != rt->exec.steps || rt->watch_execution != rt->execution_id)) {
        rt->watch_steps = rt->exec.steps;
        rt->watch_execution = rt->execution_id;
        rt->watch_ticks = 0;
        return;
    }
    if ((!late && ++rt->watch_ticks < RUNAWAY_TICKS) || !pc_in_scenario(rt, uctx))
        return;
    if (late) {
        rt->time_exceeded = true;
        leave_from_tick(rt, EX_STATUS_ABANDONED, "time limit");
    }
    char detail[160];
    snprintf(detail, sizeof detail, "%s ran %.1f s of CPU without a visible operation",
             rt->exec.current->name, RUNAWAY_TICKS * TICK_USEC / 1e6);
    leave_from_tick(rt, EX_STATUS_RUNAWAY, detail);
}

/* SIGINT, SIGTERM, SIGHUP during a search: noted, and the search loop stops after the
 * execution in progress (its result is honest: not a proof). A second one acts at once. */
static void on_interrupt(int sig) {
    ex_runtime *rt = ex_rt;
    if (!rt || rt->interrupted) {
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    rt->interrupted = sig;
}

static void install_interrupts(ex_runtime *rt) {
    struct sigaction *saved = calloc(INTERRUPTS, sizeof *saved);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; saved && i < INTERRUPTS; i++)
        sigaction(interrupt_signals[i], &sa, &saved[i]);
    rt->interrupt_saved = saved;
}

static void remove_interrupts(ex_runtime *rt) {
    struct sigaction *saved = rt->interrupt_saved;
    for (size_t i = 0; saved && i < INTERRUPTS; i++)
        sigaction(interrupt_signals[i], &saved[i], NULL);
    free(saved);
    rt->interrupt_saved = NULL;
}

void ex_faults_install(ex_runtime *rt) {
    install_interrupts(rt);
    rt->alt_stack = malloc(ALT_STACK_SIZE);
    stack_t ss = {.ss_sp = rt->alt_stack, .ss_size = ALT_STACK_SIZE};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof fault_signals / sizeof fault_signals[0]; i++)
        sigaction(fault_signals[i], &sa, NULL);
    sa.sa_sigaction = on_tick; /* it may leave for good too: do not block its own signal */
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART | SA_NODEFER;
    sigaction(SIGVTALRM, &sa, NULL);
    struct itimerval tick = {{0, TICK_USEC}, {0, TICK_USEC}};
    setitimer(ITIMER_VIRTUAL, &tick, NULL);
}

/* A handler left its frames on the alternate stack for good: AddressSanitizer's markings of
 * them must not poison the next handler. */
void ex_faults_forget_handler(ex_runtime *rt) {
#if defined(__SANITIZE_ADDRESS__)
    __asan_unpoison_memory_region(rt->alt_stack, ALT_STACK_SIZE);
#else
    (void)rt;
#endif
}

void ex_faults_remove(ex_runtime *rt) {
    remove_interrupts(rt);
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_VIRTUAL, &off, NULL);
    signal(SIGVTALRM, SIG_IGN);
    for (size_t i = 0; i < sizeof fault_signals / sizeof fault_signals[0]; i++)
        signal(fault_signals[i], SIG_DFL);
    stack_t ss = {.ss_flags = SS_DISABLE};
    sigaltstack(&ss, NULL);
    free(rt->alt_stack);
    rt->alt_stack = NULL;
}
