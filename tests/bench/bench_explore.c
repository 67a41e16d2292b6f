/* bench_explore: search throughput through the embedding API, i.e. what `explorer run` does
 * minus the printing. For each configuration it runs ex_explore() to completion (no time
 * limit) several times, with plain depth-first search (EX_STRATEGY_DFS, every schedule: the
 * baseline) and, when ex_options_default() picks another strategy (a reduced search), with
 * that one too, and reports the median of:
 *
 *   executions/s   completed executions (ex_result.executions) per second of search
 *   steps/s        visible steps (ex_result.steps: the scheduling points of every execution)
 *                  per second of search
 *
 * where "second of search" is ex_result.seconds, the wall time ex_explore() measured.
 * The counts are the same in every run (the search is deterministic); only the time varies.
 * On a shared machine wall time includes time the process waited for a CPU, so it also
 * reports steps per second of CPU time: the calling thread's (CLOCK_THREAD_CPUTIME_ID;
 * the search runs in it), measured around ex_explore(), so it also covers building and
 * tearing down the runtime, which ex_result.seconds leaves out. (Not the process CPU
 * clock: once the runtime has armed its ITIMER_VIRTUAL runaway timer, Linux may serve
 * CLOCK_PROCESS_CPUTIME_ID at tick granularity.)
 *
 * Usage: bench_explore [--runs N] [SCENARIO:NAME=VALUE ...]
 * Without configurations it runs the standard three (see `standard` below).
 * Prints markdown table rows (see tests/bench/run). */
#include <explorer/explorer.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct config {
    const char *scenario;
    const char *param; /* NAME=VALUE or NULL */
} config;

static const config standard[] = {
    {"balance_unlocked", "iterations=1"},
    {"balance_unlocked", "iterations=2"},
    {"balance_locked", "iterations=2"},
};

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n) {
    qsort(v, (size_t)n, sizeof *v, by_value);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double cpu_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static const char *verdict(const ex_result *r) {
    if (r->violated)
        return "violated";
    return r->complete ? "holds (proved)" : "not proved";
}

static int bench(const config *c, ex_strategy_kind strategy, int runs) {
    char err[512], name[64] = "", value[64] = "";
    ex_module *m = ex_module_open(c->scenario, err, sizeof err);
    if (!m) {
        fprintf(stderr, "bench_explore: %s\n", err);
        return 1;
    }
    if (c->param) {
        const char *eq = strchr(c->param, '=');
        if (!eq || (size_t)(eq - c->param) >= sizeof name) {
            fprintf(stderr, "bench_explore: expected NAME=VALUE, not '%s'\n", c->param);
            ex_module_close(m);
            return 1;
        }
        memcpy(name, c->param, (size_t)(eq - c->param));
        snprintf(value, sizeof value, "%s", eq + 1);
        if (!ex_module_set_param(m, name, value, err, sizeof err)) {
            fprintf(stderr, "bench_explore: %s\n", err);
            ex_module_close(m);
            return 1;
        }
    }
    ex_options o = ex_options_default();
    o.time_limit = 0; /* run every search to the end: the counts must not depend on speed */
    o.progress = false;
    o.strategy = strategy;

    double *eps = calloc((size_t)runs, sizeof *eps), *sps = calloc((size_t)runs, sizeof *sps),
           *secs = calloc((size_t)runs, sizeof *secs), *cpu = calloc((size_t)runs, sizeof *cpu);
    unsigned long long executions = 0, steps = 0;
    size_t outcomes = 0;
    const char *v = "?", *strategy_name = "?";
    int status = 0;
    for (int i = 0; i < runs; i++) {
        double cpu_start = cpu_seconds();
        ex_result *r = ex_explore(m, &o);
        double cpu_used = cpu_seconds() - cpu_start;
        if (r->error || !r->complete) {
            fprintf(stderr, "bench_explore: %s %s: %s\n", c->scenario, c->param ? c->param : "",
                    r->error ? r->error : "the search did not complete");
            ex_result_free(r);
            status = 1;
            break;
        }
        executions = r->executions;
        steps = r->steps;
        outcomes = r->outcome_count;
        v = verdict(r);
        strategy_name = ex_search_name(r->strategy); /* a static string */
        secs[i] = r->seconds;
        eps[i] = (double)r->executions / r->seconds;
        sps[i] = (double)r->steps / r->seconds;
        cpu[i] = (double)r->steps / cpu_used;
        ex_result_free(r);
    }
    if (!status) {
        double lo = sps[0], hi = sps[0];
        for (int i = 1; i < runs; i++) {
            lo = sps[i] < lo ? sps[i] : lo;
            hi = sps[i] > hi ? sps[i] : hi;
        }
        double e = median(eps, runs), s = median(sps, runs);
        printf("| %s | %s | %s | %llu | %llu | %zu | %s | %.2f ms | **%.0f** | **%.2f M** "
               "(%.2f-%.2f) | %.1f ns | %.2f M |\n",
               c->scenario, c->param ? c->param : "-", strategy_name, executions, steps, outcomes,
               v, median(secs, runs) * 1e3, e, s / 1e6, lo / 1e6, hi / 1e6, 1e9 / s,
               median(cpu, runs) / 1e6);
        fflush(stdout);
    }
    free(eps);
    free(sps);
    free(secs);
    free(cpu);
    ex_module_close(m);
    return status;
}

int main(int argc, char **argv) {
    int runs = 5;
    size_t room = (size_t)argc + sizeof standard / sizeof standard[0];
    config *configs = calloc(room, sizeof *configs);
    size_t count = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--runs") && i + 1 < argc) {
            runs = atoi(argv[++i]);
            if (runs < 1) {
                fprintf(stderr, "bench_explore: --runs needs a positive number\n");
                return 2;
            }
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "usage: bench_explore [--runs N] [SCENARIO[:NAME=VALUE] ...]\n");
            return 2;
        } else {
            char *colon = strchr(argv[i], ':');
            if (colon)
                *colon = '\0';
            configs[count++] = (config){argv[i], colon ? colon + 1 : NULL};
        }
    }
    if (!count) {
        count = sizeof standard / sizeof standard[0];
        memcpy(configs, standard, sizeof standard);
    }
    int status = 0;
    ex_strategy_kind reduced = ex_options_default().strategy;
    for (size_t i = 0; i < count; i++)
        status |= bench(&configs[i], EX_STRATEGY_DFS, runs);
    if (reduced != EX_STRATEGY_DFS)
        for (size_t i = 0; i < count; i++)
            status |= bench(&configs[i], reduced, runs);
    free(configs);
    return status;
}
