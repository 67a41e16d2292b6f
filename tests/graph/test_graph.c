/* Interleaving graphs: `ex_graph_write` writes DOT; the test reads it back with cgraph and
 * checks its states and steps against a brute-force count made here, independently of the
 * explorer's graph code: every schedule (full enumeration), every prefix of each; two
 * prefixes are one state when they have the same trace (trace.h), and a step joins the
 * states of prefixes k and k+1. Final states must carry exactly the outcomes. */
#include "../trace.h"

#include <explorer/explorer.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <cgraph.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct brute {
    print_set states, steps;
} brute;

static fingerprint pair_of(fingerprint x, fingerprint y) {
    return (fingerprint){x.a ^ (y.a * 0x9E3779B97F4A7C15ull) ^ 0x5bd1e995u,
                         x.b + y.b * 0xBF58476D1CE4E5B9ull + 1};
}

static void observe(void *user, ex_search *search, const ex_event *events, size_t count,
                    ex_status status, const char *output, unsigned preemptions) {
    (void)search, (void)status, (void)output, (void)preemptions;
    brute *b = user;
    fingerprint previous = trace_fingerprint(events, 0);
    set_add(&b->states, previous);
    for (size_t k = 1; k <= count; k++) {
        fingerprint here = trace_fingerprint(events, k);
        set_add(&b->states, here);
        set_add(&b->steps, pair_of(previous, here));
        previous = here;
    }
}

static ex_module *open_module(const char *name, const char *param, const char *value) {
    char err[256];
    ex_module *m = ex_module_open(name, err, sizeof err);
    if (!m)
        fail_msg("%s", err);
    if (param)
        assert_true(ex_module_set_param(m, param, value, err, sizeof err));
    return m;
}

static ex_options exhaustive(ex_strategy_kind strategy) {
    ex_options o = ex_options_default();
    o.strategy = strategy;
    o.time_limit = 0;
    return o;
}

/* The states and steps of brute force over every schedule. */
static brute count_by_brute_force(ex_module *m) {
    brute b = {0};
    ex_options o = exhaustive(EX_STRATEGY_DFS);
    o.observer = observe;
    o.observer_user = &b;
    ex_result *r = ex_explore(m, &o);
    assert_true(r->complete);
    ex_result_free(r);
    return b;
}

typedef struct drawn {
    size_t states, steps;
    char outcomes[64][64]; /* the final states' printed output, each once */
    size_t outcome_count;
} drawn;

static void note_outcome(drawn *d, const char *outcome) {
    for (size_t i = 0; i < d->outcome_count; i++)
        if (strcmp(d->outcomes[i], outcome) == 0)
            return;
    assert_true(d->outcome_count < 64);
    snprintf(d->outcomes[d->outcome_count++], sizeof d->outcomes[0], "%s", outcome);
}

/* Writes the graph as DOT and reads it back: states are the nodes named s<N>. */
static drawn draw_and_read(ex_module *m, const char *file) {
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/%s", GRAPH_DIR, file);
    ex_options o = exhaustive(EX_STRATEGY_DPOR);
    ex_graph_options g = ex_graph_options_default();
    ex_graph_info info;
    assert_int_equal(ex_graph_write(m, &o, &g, path, &info, err, sizeof err), EX_GRAPH_WRITTEN);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    Agraph_t *graph = agread(f, NULL);
    fclose(f);
    assert_non_null(graph);
    drawn d = {0};
    for (Agnode_t *n = agfstnode(graph); n; n = agnxtnode(graph, n)) {
        if (agnameof(n)[0] != 's')
            continue; /* the legend */
        d.states++;
        for (Agedge_t *e = agfstout(graph, n); e; e = agnxtout(graph, e)) {
            d.steps++;
            for (Agedge_t *f = agfstout(graph, n); f != e; f = agnxtout(graph, f))
                if (!strcmp(agget(e, "color"), agget(f, "color"))) /* the thread's colour */
                    fail_msg("%s has two steps of one thread", agnameof(n));
        }
        char *outcome = agget(n, "outcome");
        if (outcome && *outcome)
            note_outcome(&d, outcome);
    }
    assert_int_equal(d.states, info.states);
    assert_int_equal(d.steps, info.steps);
    agclose(graph);
    return d;
}

static void assert_counts_match(const char *name, const char *param, const char *value,
                                const char *file) {
    ex_module *m = open_module(name, param, value);
    brute b = count_by_brute_force(m);
    drawn d = draw_and_read(m, file);
    assert_int_equal(d.states, b.states.count);
    assert_int_equal(d.steps, b.steps.count);
    set_free(&b.states);
    set_free(&b.steps);
    ex_module_close(m);
}

static bool has_outcome(const drawn *d, const char *outcome) {
    for (size_t i = 0; i < d->outcome_count; i++)
        if (strcmp(d->outcomes[i], outcome) == 0)
            return true;
    return false;
}

/* Two independent writers of k steps each: between MainThread's starts and joins, a
 * (k+1) x (k+1) lattice -- and exactly the states and steps of brute force. */
static void test_independent_writers_lattice(void **state) {
    (void)state;
    for (int k = 1; k <= 3; k++) {
        char value[8], file[32];
        snprintf(value, sizeof value, "%d", k);
        snprintf(file, sizeof file, "writers%d.dot", k);
        assert_counts_match(WRITERS_MODULE, "k", value, file);
        ex_module *m = open_module(WRITERS_MODULE, "k", value);
        drawn d = draw_and_read(m, file);
        /* each worker: begin, k writes, end = k + 2 steps; their product is the lattice */
        size_t side = (size_t)k + 3;
        assert_true(d.states >= side * side);
        ex_module_close(m);
    }
}

static void test_balance_unlocked_graph(void **state) {
    (void)state;
    assert_counts_match("balance_unlocked", "iterations", "1", "unlocked.dot");
    ex_module *m = open_module("balance_unlocked", "iterations", "1");
    drawn d = draw_and_read(m, "unlocked.dot");
    static const char *const balances[] = {"-8\n", "-5\n", "-3\n", "0\n", "3\n", "5\n", "8\n"};
    assert_int_equal(d.outcome_count, 7);
    for (size_t i = 0; i < 7; i++)
        assert_true(has_outcome(&d, balances[i]));
    ex_module_close(m);
}

static void test_balance_locked_graph(void **state) {
    (void)state;
    assert_counts_match("balance_locked", "iterations", "1", "locked.dot");
    ex_module *m = open_module("balance_locked", "iterations", "1");
    drawn d = draw_and_read(m, "locked.dot");
    assert_int_equal(d.outcome_count, 1);
    assert_true(has_outcome(&d, "0\n"));
    ex_module_close(m);
}

static void test_loop_thread_graph(void **state) {
    (void)state;
    assert_counts_match("loop_thread", NULL, NULL, "loop.dot");
}

/* A timeout that fires while another thread's begin is pending: the begin and the timeout
 * are ordered whichever comes first, so no step leads from "begin, then the timeout" into
 * the state of "the timeout, then begin" (a step no schedule takes). */
static void test_timeout_racing_begin(void **state) {
    (void)state;
    assert_counts_match(BEGIN_TIMEOUT_MODULE, NULL, NULL, "begin_timeout.dot");
}

/* Random small programs with locks, sleeps, a semaphore, timed event waits, condition
 * waits and checks that fail in a thread (ending the execution early): the graph has
 * exactly brute force's states and steps. */
static void test_random_programs(void **state) {
    (void)state;
    for (int seed = 1; seed <= 40; seed++) {
        char value[16];
        snprintf(value, sizeof value, "%d", seed);
        ex_module *m = open_module(RANDOM_PROGRAM_MODULE, "seed", value);
        char err[256];
        assert_true(ex_module_set_param(m, "max_threads", "2", err, sizeof err));
        assert_true(ex_module_set_param(m, "max_ops", "3", err, sizeof err));
        assert_true(ex_module_set_param(m, "features", "143", err, sizeof err));
        brute b = count_by_brute_force(m);
        drawn d = draw_and_read(m, "random.dot");
        if (d.states != b.states.count || d.steps != b.steps.count)
            fail_msg("seed %d: the graph has %zu states and %zu steps, brute force %zu and %zu",
                     seed, d.states, d.steps, b.states.count, b.steps.count);
        set_free(&b.states);
        set_free(&b.steps);
        ex_module_close(m);
    }
}

/* The same scenario and options give byte-identical DOT, run after run of the command
 * (graph.c numbers cgraph's objects in creation order, never by address). */
static void test_dot_is_deterministic(void **state) {
    (void)state;
    char cmd[2048];
    for (int i = 0; i < 2; i++) {
        snprintf(cmd, sizeof cmd,
                 "%s graph balance_unlocked -p iterations=1 -o %s/again%d.dot >/dev/null",
                 EXPLORER_BINARY, GRAPH_DIR, i);
        assert_int_equal(system(cmd), 0);
    }
    snprintf(cmd, sizeof cmd, "cmp -s %s/again0.dot %s/again1.dot", GRAPH_DIR, GRAPH_DIR);
    assert_int_equal(system(cmd), 0);
    ex_module *m = open_module("balance_unlocked", "iterations", "1"); /* and in-process */
    draw_and_read(m, "again2.dot");
    draw_and_read(m, "again3.dot");
    ex_module_close(m);
    snprintf(cmd, sizeof cmd,
             "cmp -s %s/again0.dot %s/again2.dot && cmp -s %s/again0.dot %s/again3.dot", GRAPH_DIR,
             GRAPH_DIR, GRAPH_DIR, GRAPH_DIR);
    assert_int_equal(system(cmd), 0);
}

/* --schedule draws a witness's path in bold: one bold edge per step, one bold node per
 * state it passes. The path is found by replaying the witness in a runtime of its own, so
 * the states must not depend on where that runtime's objects are (threads, stdout). */
static void test_schedule_path(void **state) {
    (void)state;
    ex_module *m = open_module("balance_unlocked", "iterations", "1");
    ex_options o = exhaustive(EX_STRATEGY_DPOR);
    ex_result *r = ex_explore(m, &o);
    const ex_outcome *witness = NULL;
    for (size_t i = 0; i < r->outcome_count && !witness; i++)
        if (ex_status_is_violation(r->outcomes[i].status))
            witness = &r->outcomes[i];
    assert_non_null(witness);
    char err[256], path[512];
    snprintf(path, sizeof path, "%s/schedule.dot", GRAPH_DIR);
    ex_graph_options g = ex_graph_options_default();
    g.schedule = witness->schedule;
    if (ex_graph_write(m, &o, &g, path, NULL, err, sizeof err) != EX_GRAPH_WRITTEN)
        fail_msg("%s", err);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    Agraph_t *graph = agread(f, NULL);
    fclose(f);
    size_t bold_nodes = 0, bold_edges = 0;
    for (Agnode_t *n = agfstnode(graph); n; n = agnxtnode(graph, n)) {
        bold_nodes += strcmp(agget(n, "penwidth") ? agget(n, "penwidth") : "", "3") == 0;
        for (Agedge_t *e = agfstout(graph, n); e; e = agnxtout(graph, e))
            bold_edges += strcmp(agget(e, "penwidth") ? agget(e, "penwidth") : "", "3") == 0;
    }
    assert_int_equal(bold_edges, witness->steps);
    assert_int_equal(bold_nodes, witness->steps + 1);
    agclose(graph);
    ex_result_free(r);
    ex_module_close(m);
}

/* A graph larger than max_nodes is refused, and nothing is written: the builder stopped
 * the search at the first execution that went past it. */
static void test_max_nodes(void **state) {
    (void)state;
    ex_module *m = open_module("balance_unlocked", "iterations", "1");
    char err[256], path[512];
    snprintf(path, sizeof path, "%s/too_large.dot", GRAPH_DIR);
    remove(path);
    ex_options o = exhaustive(EX_STRATEGY_DPOR);
    ex_graph_options g = ex_graph_options_default();
    g.max_nodes = 100;
    ex_graph_info info;
    assert_int_equal(ex_graph_write(m, &o, &g, path, &info, err, sizeof err), EX_GRAPH_TOO_LARGE);
    assert_string_equal(err, "the graph has more than 100 states (raise --max-nodes, or lower the "
                             "scenario's parameters)");
    assert_int_equal(info.states, 100);
    assert_false(info.complete);
    assert_int_equal(info.stopped_by, EX_STOP_OBSERVER);
    FILE *f = fopen(path, "r");
    assert_null(f);
    ex_module_close(m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_independent_writers_lattice),
        cmocka_unit_test(test_balance_unlocked_graph),
        cmocka_unit_test(test_balance_locked_graph),
        cmocka_unit_test(test_loop_thread_graph),
        cmocka_unit_test(test_timeout_racing_begin),
        cmocka_unit_test(test_random_programs),
        cmocka_unit_test(test_dot_is_deterministic),
        cmocka_unit_test(test_schedule_path),
        cmocka_unit_test(test_max_nodes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
