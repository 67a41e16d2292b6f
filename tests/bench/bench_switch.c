/* bench_switch: the cost of one fiber context switch, the innermost loop of the explorer.
 *
 * Two fibers ping-pong: A switches to B, B switches straight back, millions of times. The
 * figure is the thread's CPU time (CLOCK_THREAD_CPUTIME_ID: time the thread was not
 * running, on a busy machine, does not count) divided by the number of switches (each
 * ex_fiber_switch call is one switch), the median over several repetitions. The same
 * ping-pong with swapcontext(3) runs in the same process for comparison (it saves and
 * restores the signal mask with a system call on every switch).
 *
 * ex_fiber_switch is compiled into this program from explorer/src/execution/fiber.c (and
 * switch_x86_64.S on x86-64), exactly the function the scheduler calls.
 *
 * Usage: bench_switch [--reps R] [--switches N] [--swapcontext-switches N]
 * Prints markdown table rows (see tests/bench/run). */
#include "execution/fiber.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ucontext.h>

#define STACK_SIZE (64 * 1024)
#define TARGET_NS 20.0 /* x86-64 target for ex_fiber_switch */

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n) {
    qsort(v, (size_t)n, sizeof *v, by_value);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ---- ex_fiber_switch ------------------------------------------------------------------- */

static ex_fiber_stacks stacks;
static ex_fiber_ctx os_ctx;
static ex_fiber fiber_a, fiber_b;
static long round_trips;

static void fiber_ping(void) {
    ex_fiber_started();
    for (long i = 0; i < round_trips; i++)
        ex_fiber_switch(&fiber_a.ctx, &fiber_b.ctx, &fiber_b);
    ex_fiber_switch(&fiber_a.ctx, &os_ctx, NULL);
    abort(); /* never resumed */
}

static void fiber_pong(void) {
    ex_fiber_started();
    for (;;)
        ex_fiber_switch(&fiber_b.ctx, &fiber_a.ctx, &fiber_a);
}

/* One repetition: 2 * trips + 2 switches (in and out of the OS stack included). */
static double fiber_run(long trips) {
    round_trips = trips;
    ex_fiber_init(&fiber_a, &stacks, 0, fiber_ping);
    ex_fiber_init(&fiber_b, &stacks, 1, fiber_pong);
    double t0 = now_ns();
    ex_fiber_switch(&os_ctx, &fiber_a.ctx, &fiber_a);
    double t1 = now_ns();
    return (t1 - t0) / (double)(2 * trips + 2);
}

/* ---- swapcontext ----------------------------------------------------------------------- */

static ucontext_t uc_os, uc_a, uc_b;
static char *uc_stack_a, *uc_stack_b;

static void uc_ping(void) {
    for (long i = 0; i < round_trips; i++)
        swapcontext(&uc_a, &uc_b);
    swapcontext(&uc_a, &uc_os);
    abort();
}

static void uc_pong(void) {
    for (;;)
        swapcontext(&uc_b, &uc_a);
}

static void uc_prepare(ucontext_t *uc, char *stack, void (*entry)(void)) {
    getcontext(uc);
    uc->uc_stack.ss_sp = stack;
    uc->uc_stack.ss_size = STACK_SIZE;
    uc->uc_link = NULL;
    makecontext(uc, entry, 0);
}

static double uc_run(long trips) {
    round_trips = trips;
    uc_prepare(&uc_a, uc_stack_a, uc_ping);
    uc_prepare(&uc_b, uc_stack_b, uc_pong);
    double t0 = now_ns();
    swapcontext(&uc_os, &uc_a);
    double t1 = now_ns();
    return (t1 - t0) / (double)(2 * trips + 2);
}

/* ---- driver ---------------------------------------------------------------------------- */

typedef double (*bench_fn)(long trips);

static void measure(const char *name, bench_fn fn, long switches, int reps, const char *target,
                    const char *verdict_if_met) {
    double *ns = calloc((size_t)reps, sizeof *ns);
    long trips = switches / 2;
    fn(trips / 10 + 1); /* warm up: stacks paged in, caches and predictors trained */
    for (int i = 0; i < reps; i++)
        ns[i] = fn(trips);
    double lo = ns[0], hi = ns[0];
    for (int i = 1; i < reps; i++) {
        lo = ns[i] < lo ? ns[i] : lo;
        hi = ns[i] > hi ? ns[i] : hi;
    }
    double med = median(ns, reps);
    char verdict[64] = "";
    if (verdict_if_met)
        snprintf(verdict, sizeof verdict, " %s", med <= TARGET_NS ? verdict_if_met : "**MISSED**");
    printf("| %s | **%.2f ns** | %.2f-%.2f ns | %d x %ld switches | %s%s |\n", name, med, lo, hi,
           reps, 2 * trips, target, verdict);
    fflush(stdout);
    free(ns);
}

static long parse_count(const char *s) {
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || v < 2) {
        fprintf(stderr, "bench_switch: bad count '%s'\n", s);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv) {
    int reps = 9;
    long switches = 10 * 1000 * 1000, uc_switches = 2 * 1000 * 1000;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--reps") && i + 1 < argc)
            reps = (int)parse_count(argv[++i]);
        else if (!strcmp(argv[i], "--switches") && i + 1 < argc)
            switches = parse_count(argv[++i]);
        else if (!strcmp(argv[i], "--swapcontext-switches") && i + 1 < argc)
            uc_switches = parse_count(argv[++i]);
        else {
            fprintf(stderr,
                    "usage: bench_switch [--reps R] [--switches N] [--swapcontext-switches N]\n");
            return 2;
        }
    }
    if (!ex_fiber_stacks_init(&stacks, 2, STACK_SIZE)) {
        fprintf(stderr, "bench_switch: cannot map fiber stacks\n");
        return 1;
    }
    uc_stack_a = malloc(STACK_SIZE);
    uc_stack_b = malloc(STACK_SIZE);
#if EX_FIBER_ASM
    measure("ex_fiber_switch (x86-64 assembly, switch_x86_64.S)", fiber_run, switches, reps,
            "<= 20 ns on x86-64:", "met");
#else
    measure("ex_fiber_switch (ucontext fallback: not x86-64)", fiber_run, switches, reps,
            "(20 ns target is for x86-64)", NULL);
#endif
    measure("swapcontext(3), for comparison", uc_run, uc_switches, reps, "-", NULL);
    ex_fiber_stacks_destroy(&stacks);
    free(uc_stack_a);
    free(uc_stack_b);
    return 0;
}
