/* Partial-order reduction checked against brute force on random programs.
 *
 * For each seed, random_program.c builds a small program (2-4 threads, 1-3 variables,
 * 0-2 locks). Full enumeration (--strategy dfs) runs every schedule; this test computes
 * each execution's Mazurkiewicz trace on its own (per object: the order of writes and the
 * reads between them) and counts the distinct traces. DPOR must then run exactly one
 * execution per trace -- no trace missed, none twice -- and find the same outcomes; without
 * blocking operations (FEATURES 0, 16, 64 or 80) it must cut no execution short as
 * redundant. The
 * preemption-bounded search (bounds 0-2) must run exactly the brute-force schedules with at
 * most that many preemptions, and find their outcomes; the stateful bounded search must find
 * exactly those outcomes too.
 *
 * usage: test_dpor_random [SEEDS [FIRST_SEED [MAX_THREADS [MAX_OPS [FEATURES [MIN_CHECKED]]]]]]
 *        (default: 200 seeds from 1, up to 3 threads of up to 2 operations, features 0;
 *        see random_program.c for FEATURES; the run fails unless at least MIN_CHECKED
 *        percent of the programs, default 50, were small enough to compare) */
#include "../trace.h"

#include <explorer/explorer.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- one program: brute force, then DPOR --------------------------------------------- */

enum { BOUNDS = 3 }; /* preemption bounds 0, 1, 2 are checked too */

typedef struct observed {
    print_set traces;
    print_set outcomes;
    print_set bounded_outcomes[BOUNDS]; /* of the executions with at most K preemptions */
    uint64_t bounded_executions[BOUNDS];
    uint64_t duplicates; /* executions whose trace was already seen */
    uint64_t unknown;    /* DPOR executions whose trace brute force never saw */
    const print_set *reference;
} observed;

/* An outcome as the sets hold it: status and output. */
static fingerprint outcome_of(ex_status status, const char *output) {
    char outcome[512];
    snprintf(outcome, sizeof outcome, "%s|%s", ex_status_name(status), output);
    return fingerprint_text(outcome);
}

static void observe(void *user, ex_search *search, const ex_event *events, size_t count,
                    ex_status status, const char *output, unsigned preemptions) {
    (void)search;
    observed *o = user;
    fingerprint trace = trace_fingerprint(events, count);
    if (!set_add(&o->traces, trace))
        o->duplicates++;
    if (o->reference && !set_has(o->reference, trace))
        o->unknown++;
    fingerprint outcome = outcome_of(status, output);
    set_add(&o->outcomes, outcome);
    for (unsigned k = preemptions; k < BOUNDS; k++) {
        o->bounded_executions[k]++;
        set_add(&o->bounded_outcomes[k], outcome);
    }
}

static uint64_t brute_force_limit = 50000;            /* schedules; larger programs are skipped */
static uint64_t stateful_summarised, stateful_pruned; /* over all stateful searches */

static ex_result *explore(ex_module *m, ex_strategy_kind strategy, int bound, observed *o) {
    ex_options opt = ex_options_default();
    opt.strategy = strategy;
    opt.preemption_bound = bound;
    opt.time_limit = 0;
    opt.max_executions = brute_force_limit;
    opt.observer = observe;
    opt.observer_user = o;
    return ex_explore(m, &opt);
}

static bool same_sets(const print_set *a, const print_set *b) {
    if (a->count != b->count)
        return false;
    for (size_t i = 0; i < a->capacity; i++)
        if ((a->slots[i].a | a->slots[i].b) && !set_has(b, a->slots[i]))
            return false;
    return true;
}

static void free_observed(observed *o) {
    set_free(&o->traces);
    set_free(&o->outcomes);
    for (int k = 0; k < BOUNDS; k++)
        set_free(&o->bounded_outcomes[k]);
}

/* The stateful search (states merged, solo runs summarised: it runs without an observer,
 * which would turn summaries off) must find exactly the outcomes of the brute-force
 * schedules with at most K preemptions (K < 0: of all of them). */
static void check_stateful_bound(ex_module *m, long seed, int k, const print_set *expected) {
    ex_options opt = ex_options_default();
    opt.preemption_bound = k;
    opt.stateful = true;
    opt.time_limit = 0;
    ex_result *r = ex_explore(m, &opt);
    print_set found = {0};
    for (size_t i = 0; i < r->outcome_count; i++)
        set_add(&found, outcome_of(r->outcomes[i].status, r->outcomes[i].output));
    if (!r->finished || (k < 0 && !r->complete) || !same_sets(&found, expected))
        fail_msg("seed %ld, at most %d preemptions: brute force has %zu outcomes, the stateful "
                 "search (%s, %llu executions, %llu states, %llu summarised) found %zu",
                 seed, k, expected->count, r->finished ? "finished" : "cut short",
                 (unsigned long long)r->executions, (unsigned long long)r->states,
                 (unsigned long long)r->summarised, found.count);
    stateful_summarised += r->summarised;
    stateful_pruned += r->redundant;
    ex_result_free(r);
    set_free(&found);
}

/* The preemption-bounded search must run exactly the schedules of brute force that have at
 * most K preemptions, and find their outcomes; so must the stateful one. */
static void check_bounds(ex_module *m, long seed, const observed *brute) {
    check_stateful_bound(m, seed, -1, &brute->outcomes); /* no bound: every schedule's */
    for (int k = 0; k < BOUNDS; k++) {
        check_stateful_bound(m, seed, k, &brute->bounded_outcomes[k]);
        observed bounded = {0};
        ex_result *r = explore(m, EX_STRATEGY_DFS, k, &bounded);
        if (!r->finished || r->executions != brute->bounded_executions[k] ||
            !same_sets(&bounded.outcomes, &brute->bounded_outcomes[k]))
            fail_msg("seed %ld, at most %d preemptions: brute force has %llu schedules and %zu "
                     "outcomes, the bounded search ran %llu (%s) with %zu outcomes",
                     seed, k, (unsigned long long)brute->bounded_executions[k],
                     brute->bounded_outcomes[k].count, (unsigned long long)r->executions,
                     r->finished ? "finished" : "cut short", bounded.outcomes.count);
        ex_result_free(r);
        free_observed(&bounded);
    }
}

static long seeds = 200, first_seed = 1, min_checked_percent = 50;
static const char *max_threads = "3", *max_ops = "2", *features = "0";

static void test_dpor_matches_brute_force(void **state) {
    (void)state;
    char err[256], value[32];
    ex_module *m = ex_module_open(RANDOM_PROGRAM_MODULE, err, sizeof err);
    assert_non_null(m);
    assert_true(ex_module_set_param(m, "max_threads", max_threads, err, sizeof err));
    assert_true(ex_module_set_param(m, "max_ops", max_ops, err, sizeof err));
    assert_true(ex_module_set_param(m, "features", features, err, sizeof err));
    long checked = 0, skipped = 0;
    /* optimal DPOR cuts executions short only with blocking operations (1 sleeps, 2
     * semaphores, 4 timed event waits, 8 conditions, 32 timed lock sections) or a thread's
     * failing check (128) that ends an execution early: without, none may be redundant */
    bool blocking = strtol(features, NULL, 10) & 175;
    uint64_t brute_executions = 0, dpor_executions = 0, dpor_redundant = 0;
    for (long seed = first_seed; seed < first_seed + seeds; seed++) {
        snprintf(value, sizeof value, "%ld", seed);
        assert_true(ex_module_set_param(m, "seed", value, err, sizeof err));
        observed brute = {0}, reduced = {0};
        ex_result *full = explore(m, EX_STRATEGY_DFS, -1, &brute);
        if (!full->complete) { /* too large to enumerate: no reference */
            skipped++;
        } else {
            reduced.reference = &brute.traces;
            ex_result *dpor = explore(m, EX_STRATEGY_DPOR, -1, &reduced);
            if (!dpor->complete || dpor->executions != brute.traces.count || reduced.duplicates ||
                reduced.unknown || !same_sets(&brute.outcomes, &reduced.outcomes) ||
                (dpor->redundant && !blocking))
                fail_msg("seed %ld: brute force %llu executions, %zu traces, %zu outcomes; "
                         "dpor %llu executions (%s, %llu cut as redundant), %llu repeated "
                         "traces, %llu unknown, %zu outcomes",
                         seed, (unsigned long long)full->executions, brute.traces.count,
                         brute.outcomes.count, (unsigned long long)dpor->executions,
                         dpor->complete ? "complete" : "incomplete",
                         (unsigned long long)dpor->redundant,
                         (unsigned long long)reduced.duplicates,
                         (unsigned long long)reduced.unknown, reduced.outcomes.count);
            check_bounds(m, seed, &brute);
            brute_executions += full->executions;
            dpor_executions += dpor->executions;
            dpor_redundant += dpor->redundant;
            checked++;
            ex_result_free(dpor);
        }
        ex_result_free(full);
        free_observed(&brute);
        free_observed(&reduced);
    }
    printf("random programs (up to %s threads, %s operations each, features %s): %ld checked, %ld "
           "too large for brute force; %llu schedules, "
           "%llu DPOR executions (%llu more cut as redundant); stateful bounded searches: %llu "
           "executions cut at a state seen before, %llu solo runs summarised\n",
           max_threads, max_ops, features, checked, skipped, (unsigned long long)brute_executions,
           (unsigned long long)dpor_executions, (unsigned long long)dpor_redundant,
           (unsigned long long)stateful_pruned, (unsigned long long)stateful_summarised);
    assert_true(checked * 100 >= seeds * min_checked_percent); /* not a vacuous run */
    ex_module_close(m);
}

int main(int argc, char **argv) {
    if (argc > 1)
        seeds = strtol(argv[1], NULL, 10);
    if (argc > 2)
        first_seed = strtol(argv[2], NULL, 10);
    if (argc > 3)
        max_threads = argv[3];
    if (argc > 4)
        max_ops = argv[4];
    if (argc > 5)
        features = argv[5];
    if (argc > 6)
        min_checked_percent = strtol(argv[6], NULL, 10);
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_dpor_matches_brute_force)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
