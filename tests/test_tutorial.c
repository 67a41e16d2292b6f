/* Regression tests of the tutorial's programs ported as scenarios (the scenarios/ files; see
 * docs/tutorial-scenarios.md): one or more per scenario, each asserting the exact verdict
 * and the exact outcome set (or, for large sets, their size and the members that matter).
 *
 * The expectations come from reading the programs, not from running them: the comments
 * say how each is counted. Where a scenario is small enough, full enumeration (dfs) is
 * also checked against harness.h's brute-force model, which knows nothing of the
 * explorer's code: same executions, same steps, same outcomes. Parameters are kept small
 * so that every search is exhaustive and the whole file runs in a few seconds. */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- helpers ------------------------------------------------------------------------------ */

/* Opens tutorial scenario `name` and sets NAME, VALUE, ... pairs (NULL-terminated). */
static ex_module *open_with(const char *name, ...) {
    ex_module *m = open_tutorial_scenario(name);
    assert_string_equal(ex_module_name(m), name);
    va_list ap;
    va_start(ap, name);
    for (const char *param; (param = va_arg(ap, const char *));)
        set_param(m, param, va_arg(ap, const char *));
    va_end(ap);
    return m;
}

/* A search with no time limit; `agnostic`: --timing-agnostic; `max_steps` 0: the default. */
static ex_result *search(ex_module *m, ex_strategy_kind strategy, bool agnostic,
                         uint64_t max_steps) {
    ex_options o = test_options(strategy);
    o.timing_agnostic = agnostic;
    if (max_steps)
        o.max_steps = max_steps;
    return explore(m, &o);
}

/* Every interleaving was explored and none ends in a violation: a proof. */
static void assert_proved(const ex_result *r) {
    assert_true(r->complete);
    assert_int_equal(r->stopped_by, EX_STOP_NONE);
    assert_false(r->violated);
    assert_int_equal(r->violations, 0);
}

/* Every interleaving was explored and some end in a violation. */
static void assert_violated(const ex_result *r) {
    assert_true(r->complete);
    assert_int_equal(r->stopped_by, EX_STOP_NONE);
    assert_true(r->violated);
    assert_true(r->violations > 0);
}

static size_t count_of(const char *text, const char *needle) {
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

static const char *last_line(const char *output) {
    size_t len = strlen(output);
    assert_true(len > 0 && output[len - 1] == '\n');
    const char *p = output + len - 1;
    while (p > output && p[-1] != '\n')
        p--;
    return p;
}

static char *joined(const char *const *lines, size_t n) {
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(lines[i]);
    char *out = malloc(len);
    assert_non_null(out);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++)
        strcat(out, lines[i]);
    return out;
}

/* The outcome with this output, status and status text, or NULL (harness.h's find_outcome
 * tells outcomes apart by output and status only). */
static const ex_outcome *find_exact(const ex_result *r, const expected *want) {
    for (size_t i = 0; i < r->outcome_count; i++) {
        const ex_outcome *o = &r->outcomes[i];
        if (o->status == want->status && strcmp(o->output, want->output) == 0 &&
            strcmp(o->status_text, want->status_text) == 0)
            return o;
    }
    return NULL;
}

/* A set of expected outcomes built at run time (outputs malloc'd). */
typedef struct want_set {
    expected *items;
    size_t count, capacity;
} want_set;

static void want_add(want_set *w, char *output, ex_status status, const char *text) {
    if (w->count == w->capacity) {
        w->capacity = w->capacity ? w->capacity * 2 : 16;
        w->items = realloc(w->items, w->capacity * sizeof *w->items);
        assert_non_null(w->items);
    }
    w->items[w->count++] = (expected){output, status, text};
}

static void want_free(want_set *w) {
    for (size_t i = 0; i < w->count; i++)
        free((char *)w->items[i].output);
    free(w->items);
}

/* Full enumeration and DPOR both prove the scenario, with exactly these outcomes (and, if
 * `executions` is not 0, that many executions each); every witness replays (under the
 * default timing: a --timing-agnostic witness is not replayed here). */
static void assert_both_prove(ex_module *m, bool agnostic, const expected *want, size_t count,
                              uint64_t executions) {
    for (int s = 0; s < 2; s++) {
        ex_result *r = search(m, s ? EX_STRATEGY_DPOR : EX_STRATEGY_DFS, agnostic, 0);
        assert_proved(r);
        if (executions)
            assert_int_equal(r->executions, executions);
        assert_outcomes(r, want, count);
        if (!agnostic)
            assert_replays(m, r, NULL);
        ex_result_free(r);
    }
}

/* ---- loop_thread_unnamed ------------------------------------------------------------------ */

/* As loop_thread, with Python's automatic name Thread-1: one execution, nobody preempted. */
static void test_loop_thread_unnamed(void **state) {
    (void)state;
    static const char output[] = "thread MainThread is running...\n"
                                 "thread Thread-1 is running...\n"
                                 "thread Thread-1 >>> 1\n"
                                 "thread Thread-1 >>> 2\n"
                                 "thread Thread-1 >>> 3\n"
                                 "thread Thread-1 >>> 4\n"
                                 "thread Thread-1 >>> 5\n"
                                 "thread Thread-1 ended.\n"
                                 "thread MainThread ended.\n";
    const expected want[] = {{output, EX_STATUS_OK, "ok"}};
    ex_module *m = open_with("loop_thread_unnamed", NULL);
    for (int s = 0; s < 2; s++) {
        ex_result *r = search(m, s ? EX_STRATEGY_DPOR : EX_STRATEGY_DFS, false, 0);
        assert_proved(r);
        assert_int_equal(r->executions, 1);
        assert_outcomes(r, want, 1);
        /* MainThread: print, start; Thread-1: begin, 7 prints, 5 sleeps, end; MainThread:
         * join, print, exit */
        assert_schedule(r->outcomes[0].schedule, "0x2,1x14,0x3");
        assert_int_equal(r->outcomes[0].preemptions, 0);
        assert_replays(m, r, NULL);
        ex_result_free(r);
    }
    ex_module_close(m);
}

/* ---- the balances of seed 004 ------------------------------------------------------------- */

/* `balance += n` is a read step and a write step, exactly like balance_unlocked's
 * `balance = balance + n`: the same schedules, the same seven final balances with one
 * iteration each (-8 -5 -3 0 3 5 8: each deposit or withdrawal can be overwritten). */
static void test_balance_augmented_1(void **state) {
    (void)state;
    m_program p;
    balance_program(&p, 1, LOCK_NONE);
    m_result *model = malloc(sizeof *model);
    m_explore(&p, model);
    ex_module *m = open_with("balance_augmented", "iterations", "1", NULL);
    ex_result *dfs = search(m, EX_STRATEGY_DFS, false, 0);
    assert_dfs_matches_model(dfs, model);
    assert_violated(dfs);
    assert_balance_outcomes(dfs, "balance_augmented.c");
    ex_result *dpor = search(m, EX_STRATEGY_DPOR, false, 0);
    assert_violated(dpor);
    assert_same_outcomes_as_model(dpor, model);
    assert_int_equal(dpor->outcome_count, 7);
    const char *balances[] = {"-8\n", "-5\n", "-3\n", "0\n", "3\n", "5\n", "8\n"};
    for (size_t i = 0; i < ARRAY_SIZE(balances); i++)
        assert_non_null(
            find_outcome(dpor, balances[i],
                         strcmp(balances[i], "0\n") == 0 ? EX_STATUS_OK : EX_STATUS_CHECK_FAILED));
    assert_replays(m, dpor, NULL);

    /* and balance_unlocked, written `balance = balance + n`, is the very same search */
    ex_module *u = open_with("balance_unlocked", "iterations", "1", NULL);
    ex_result *unlocked = search(u, EX_STRATEGY_DFS, false, 0);
    assert_int_equal(unlocked->executions, dfs->executions);
    assert_int_equal(unlocked->steps, dfs->steps);
    assert_int_equal(unlocked->outcome_count, dfs->outcome_count);
    ex_result_free(unlocked);
    ex_module_close(u);
    ex_result_free(dfs);
    ex_result_free(dpor);
    ex_module_close(m);
    free(model);
}

/* Two iterations: the model's balances (23 of them, -21 to 21) and no other. */
static void test_balance_augmented_2(void **state) {
    (void)state;
    m_program p;
    balance_program(&p, 2, LOCK_NONE);
    m_result *model = malloc(sizeof *model);
    m_explore(&p, model);
    assert_int_equal(model->count, 23);
    ex_module *m = open_with("balance_augmented", "iterations", "2", NULL);
    ex_result *r = search(m, EX_STRATEGY_DPOR, false, 0);
    assert_violated(r);
    assert_same_outcomes_as_model(r, model);
    assert_balance_outcomes(r, "balance_augmented.c");
    ex_result_free(r);
    ex_module_close(m);
    free(model);
}

/* The seed's values are the defaults. */
static void test_balance_defaults(void **state) {
    (void)state;
    const char *names[] = {"balance_augmented", "balance_coarse"};
    const long values[] = {500000, 1000000};
    for (int i = 0; i < 2; i++) {
        ex_module *m = open_tutorial_scenario(names[i]);
        long def, value;
        assert_int_equal(ex_module_param_count(m), 1);
        assert_string_equal(ex_module_param(m, 0, NULL, &def, &value), "iterations");
        assert_int_equal(def, values[i]);
        assert_int_equal(value, values[i]);
        ex_module_close(m);
    }
}

/* Observer: the most times the workers' accesses to `balance` switch from one thread to
 * the other within an execution. */
typedef struct overlap {
    unsigned max_switches;
    uint64_t executions;
} overlap;

static void count_switches(void *user, ex_search *search, const ex_event *events, size_t count,
                           ex_status status, const char *output, unsigned preemptions) {
    (void)search, (void)status, (void)output, (void)preemptions;
    overlap *o = user;
    unsigned switches = 0;
    int last = -1;
    for (size_t i = 0; i < count; i++) {
        const ex_event *e = &events[i];
        if (e->thread == 0 || (e->kind != EX_OP_READ && e->kind != EX_OP_WRITE))
            continue;
        if (last >= 0 && e->thread != last)
            switches++;
        last = e->thread;
    }
    if (switches > o->max_switches)
        o->max_switches = switches;
    o->executions++;
}

static unsigned max_switches(const char *name, const char *iterations) {
    ex_module *m = open_with(name, "iterations", iterations, NULL);
    overlap o = {0, 0};
    ex_options opt = test_options(EX_STRATEGY_DFS);
    opt.observer = count_switches;
    opt.observer_user = &o;
    ex_result *r = explore(m, &opt);
    assert_true(r->complete);
    assert_int_equal(o.executions, r->executions);
    ex_result_free(r);
    ex_module_close(m);
    return o.max_switches;
}

/* The lock around the whole loop leaves one choice: which thread takes it first. So DPOR
 * runs exactly 2 executions for any iteration count, and in every schedule (dfs) the two
 * threads' accesses to balance never overlap: at most one switch from one to the other.
 * (The same observer on balance_augmented sees them interleave.) */
static void test_balance_coarse_small(void **state) {
    (void)state;
    const expected want[] = {{"0\n", EX_STATUS_OK, "ok"}};
    const char *counts[] = {"1", "2", "3", "10"};
    for (size_t i = 0; i < ARRAY_SIZE(counts); i++) {
        ex_module *m = open_with("balance_coarse", "iterations", counts[i], NULL);
        ex_result *r = search(m, EX_STRATEGY_DPOR, false, 0);
        assert_proved(r);
        assert_int_equal(r->executions, 2);
        assert_outcomes(r, want, 1);
        if (i == 0)
            assert_replays(m, r, NULL);
        ex_result_free(r);
        ex_module_close(m);
    }
    for (int n = 1; n <= 2; n++) {
        m_program p;
        balance_program(&p, n, LOCK_WHOLE_LOOP);
        m_result model;
        m_explore(&p, &model);
        ex_module *m = open_with("balance_coarse", "iterations", n == 1 ? "1" : "2", NULL);
        ex_result *r = search(m, EX_STRATEGY_DFS, false, 0);
        assert_dfs_matches_model(r, &model);
        assert_outcomes(r, want, 1);
        ex_result_free(r);
        ex_module_close(m);
    }
    assert_int_equal(max_switches("balance_coarse", "2"), 1);
    assert_true(max_switches("balance_augmented", "1") > 1);
}

/* At the seed's 1000000 iterations: still exactly 2 executions, each of
 * 2 * (begin + acquire + 4000000 accesses + release + end) + 8 of MainThread = 8000016
 * steps: a proof at the tutorial's own scale. */
static void test_balance_coarse_default(void **state) {
    (void)state;
    ex_module *m = open_with("balance_coarse", NULL);
    ex_result *r = search(m, EX_STRATEGY_DPOR, false, 0);
    assert_proved(r);
    assert_int_equal(r->executions, 2);
    assert_int_equal(r->max_depth, 8000016);
    assert_int_equal(r->steps, 2 * 8000016);
    const expected want[] = {{"0\n", EX_STATUS_OK, "ok"}};
    assert_outcomes(r, want, 1);
    ex_result_free(r);
    ex_module_close(m);
}

/* ---- threading.local ---------------------------------------------------------------------- */

/* MainThread starts threads 1..n, joins them in order and exits; each thread begins,
 * prints its line and ends (threading.local's get and set are no steps). */
static void print_threads_program(m_program *p, const char *const *lines, int n) {
    memset(p, 0, sizeof *p);
    for (int t = 1; t <= n; t++)
        m_add(p, 0, M_START, t, 0, NULL);
    for (int t = 1; t <= n; t++)
        m_add(p, 0, M_JOIN, t, 0, NULL);
    m_add(p, 0, M_EXIT, 0, 0, NULL);
    for (int t = 1; t <= n; t++) {
        m_add(p, t, M_BEGIN, 0, 0, NULL);
        m_add(p, t, M_PRINT, 0, 0, lines[t - 1]);
        m_add(p, t, M_END, 0, 0, NULL);
    }
}

/* Each thread greets its own student; the only freedom is the order of the two prints. */
static void test_thread_local(void **state) {
    (void)state;
    const char *lines[] = {"Hello, Alice (in Thread-A)\n", "Hello, Bob (in Thread-B)\n"};
    const expected want[] = {
        {"Hello, Alice (in Thread-A)\nHello, Bob (in Thread-B)\n", EX_STATUS_OK, "ok"},
        {"Hello, Bob (in Thread-B)\nHello, Alice (in Thread-A)\n", EX_STATUS_OK, "ok"}};
    m_program p;
    print_threads_program(&p, lines, 2);
    m_result model;
    m_explore(&p, &model);
    ex_module *m = open_with("thread_local", NULL);
    ex_result *dfs = search(m, EX_STRATEGY_DFS, false, 0);
    assert_dfs_matches_model(dfs, &model);
    assert_proved(dfs);
    assert_outcomes(dfs, want, 2);
    ex_result *dpor = search(m, EX_STRATEGY_DPOR, false, 0);
    assert_proved(dpor);
    assert_int_equal(dpor->executions, 2);
    assert_outcomes(dpor, want, 2);
    assert_replays(m, dpor, NULL);
    ex_result_free(dfs);
    ex_result_free(dpor);
    ex_module_close(m);
}

/* T1, T2 (student) and T3 (gfh): each prints its own value; the 3! orders of the prints. */
static void test_thread_local_three(void **state) {
    (void)state;
    const char *lines[] = {"BOB/T1\n", "ABS/T2\n", "gfh_thread/T3\n"};
    const int orders[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    want_set w = {0};
    for (int i = 0; i < 6; i++) {
        const char *ordered[3] = {lines[orders[i][0]], lines[orders[i][1]], lines[orders[i][2]]};
        want_add(&w, joined(ordered, 3), EX_STATUS_OK, "ok");
    }
    m_program p;
    print_threads_program(&p, lines, 3);
    m_result model;
    m_explore(&p, &model);
    ex_module *m = open_with("thread_local_three", NULL);
    ex_result *dfs = search(m, EX_STRATEGY_DFS, false, 0);
    assert_dfs_matches_model(dfs, &model);
    assert_proved(dfs);
    assert_outcomes(dfs, w.items, w.count);
    ex_result *dpor = search(m, EX_STRATEGY_DPOR, false, 0);
    assert_proved(dpor);
    assert_int_equal(dpor->executions, 6);
    assert_outcomes(dpor, w.items, w.count);
    assert_replays(m, dpor, NULL);
    ex_result_free(dfs);
    ex_result_free(dpor);
    ex_module_close(m);
    want_free(&w);
}

/* With a plain global: each thread writes `student`, reads it and prints. A thread greets
 * the other's student when the other's write falls between its own write and read; then
 * the other thread reads its own value (only one write can come last), so at most one
 * thread is wrong, and the execution ends at its check, right after its print, with or
 * without the other's line before it: 2 good orders + 2 * 2 failures. */
static void test_thread_local_shared_global(void **state) {
    (void)state;
    const char *file = "thread_local_shared_global.c";
    char *in_a = check_text(SCENARIO_SOURCE_DIR, file, "strcmp(greeted, name) == 0", "Thread-A");
    char *in_b = check_text(SCENARIO_SOURCE_DIR, file, "strcmp(greeted, name) == 0", "Thread-B");
    const expected want[] = {
        {"Hello, Alice (in Thread-A)\nHello, Bob (in Thread-B)\n", EX_STATUS_OK, "ok"},
        {"Hello, Bob (in Thread-B)\nHello, Alice (in Thread-A)\n", EX_STATUS_OK, "ok"},
        {"Hello, Bob (in Thread-A)\n", EX_STATUS_CHECK_FAILED, in_a},
        {"Hello, Bob (in Thread-B)\nHello, Bob (in Thread-A)\n", EX_STATUS_CHECK_FAILED, in_a},
        {"Hello, Alice (in Thread-B)\n", EX_STATUS_CHECK_FAILED, in_b},
        {"Hello, Alice (in Thread-A)\nHello, Alice (in Thread-B)\n", EX_STATUS_CHECK_FAILED, in_b}};
    ex_module *m = open_with("thread_local_shared_global", NULL);
    for (int s = 0; s < 2; s++) {
        ex_result *r = search(m, s ? EX_STRATEGY_DPOR : EX_STRATEGY_DFS, false, 0);
        assert_violated(r);
        assert_outcomes(r, want, ARRAY_SIZE(want));
        if (s)
            assert_replays(m, r, NULL);
        ex_result_free(r);
    }
    ex_module_close(m);
    free(in_a);
    free(in_b);
}

/* ---- global_dict -------------------------------------------------------------------------- */

/* The four task lines, two per thread in program order: C(4, 2) = 6 interleavings. */
static void global_dict_good(want_set *w) {
    const char *a[] = {"do_task_1: Alice (in Thread-1)\n", "do_task_2: Alice (in Thread-1)\n"};
    const char *b[] = {"do_task_1: Bob (in Thread-2)\n", "do_task_2: Bob (in Thread-2)\n"};
    for (int mask = 0; mask < 16; mask++) { /* bit i set: line i is Thread-1's */
        if (__builtin_popcount(mask) != 2)
            continue;
        const char *lines[4];
        int ia = 0, ib = 0;
        for (int i = 0; i < 4; i++)
            lines[i] = mask >> i & 1 ? a[ia++] : b[ib++];
        want_add(w, joined(lines, 4), EX_STATUS_OK, "ok");
    }
}

/* gil=1: each dict operation under one lock, as the GIL makes it atomic: every interleaving
 * finds each thread's own student. */
static void test_global_dict_gil(void **state) {
    (void)state;
    want_set w = {0};
    global_dict_good(&w);
    assert_int_equal(w.count, 6);
    ex_module *m = open_with("global_dict", NULL);
    const char *help;
    long def, value;
    assert_string_equal(ex_module_param(m, 0, &help, &def, &value), "gil");
    assert_int_equal(def, 1);
    ex_result *r = search(m, EX_STRATEGY_DPOR, false, 0);
    assert_proved(r);
    assert_outcomes(r, w.items, w.count);
    assert_replays(m, r, NULL);
    ex_result_free(r);
    ex_module_close(m);
    want_free(&w);
}

/* gil=0: the C port's dict insert is several steps and two inserts can write the same
 * slot. Besides the six good orders, the search must find a thread whose entry is gone
 * (KeyError, here before anything is printed) and a thread that finds the other's student. */
static void test_global_dict_no_gil(void **state) {
    (void)state;
    const char *file = "global_dict.c";
    ex_module *m = open_with("global_dict", "gil", "0", NULL);
    ex_result *r = search(m, EX_STRATEGY_DPOR, false, 0);
    assert_violated(r);
    want_set w = {0};
    global_dict_good(&w);
    for (size_t i = 0; i < w.count; i++)
        assert_non_null(find_outcome(r, w.items[i].output, EX_STATUS_OK));
    want_free(&w);
    size_t ok = 0;
    for (size_t i = 0; i < r->outcome_count; i++)
        ok += r->outcomes[i].status == EX_STATUS_OK;
    assert_int_equal(ok, 6); /* nothing else ends well */

    char *key_error[2], *wrong[2];
    const char *threads[2] = {"Thread-1", "Thread-2"};
    for (int t = 0; t < 2; t++) {
        char template[128];
        snprintf(template, sizeof template,
                 "check failed: std != NULL ({KeyError in do_task_1}, in %s)", threads[t]);
        key_error[t] = with_lines(SCENARIO_SOURCE_DIR, file, template);
        wrong[t] =
            check_text(SCENARIO_SOURCE_DIR, file, "found1 == std && found2 == std", threads[t]);
    }
    bool key_error_seen[2] = {false, false};
    for (size_t i = 0; i < r->outcome_count; i++)
        for (int t = 0; t < 2; t++)
            key_error_seen[t] |= r->outcomes[i].output[0] == '\0' &&
                                 strcmp(r->outcomes[i].status_text, key_error[t]) == 0;
    assert_true(key_error_seen[0] && key_error_seen[1]);
    /* Thread-1 holds Bob in both tasks; Thread-2 holds Alice in both */
    const ex_outcome *bob = find_outcome(
        r, "do_task_1: Bob (in Thread-1)\ndo_task_2: Bob (in Thread-1)\n", EX_STATUS_CHECK_FAILED);
    assert_non_null(bob);
    assert_string_equal(bob->status_text, wrong[0]);
    const ex_outcome *alice =
        find_outcome(r, "do_task_1: Alice (in Thread-2)\ndo_task_2: Alice (in Thread-2)\n",
                     EX_STATUS_CHECK_FAILED);
    assert_non_null(alice);
    assert_string_equal(alice->status_text, wrong[1]);
    /* every outcome is ok or a failed check of the lookups (no crash, no deadlock) */
    for (size_t i = 0; i < r->outcome_count; i++)
        assert_true(r->outcomes[i].status == EX_STATUS_OK ||
                    r->outcomes[i].status == EX_STATUS_CHECK_FAILED);
    assert_int_equal(r->outcome_count, 46); /* all: test_global_dict_dpor_complete */
    for (int t = 0; t < 2; t++) {
        free(key_error[t]);
        free(wrong[t]);
    }
    ex_result_free(r);
    ex_module_close(m);
}

/* ---- RLock and Lock ----------------------------------------------------------------------- */

static void test_rlock_reentrant(void **state) {
    (void)state;
    const expected want[] = {{"Thread-1 acquired once\nThread-1 acquired twice\n"
                              "Thread-1 released twice\nlocked: False\n",
                              EX_STATUS_OK, "ok"}};
    ex_module *m = open_with("rlock_reentrant", NULL);
    assert_both_prove(m, false, want, 1, 1); /* MainThread waits in join throughout */
    ex_module_close(m);
}

/* The same with a Lock: Thread-1 waits for itself in its second acquire. */
static void test_lock_reacquire(void **state) {
    (void)state;
    char *text = with_lines(SCENARIO_SOURCE_DIR, "lock_reacquire.c",
                            "deadlock: cycle Thread-1 -> Thread-1: Thread-1 waits at "
                            "{acquire again} for lock, held by Thread-1 since {acquire once}; "
                            "MainThread waits at {join} to join Thread-1");
    const expected want[] = {{"Thread-1 acquired once\n", EX_STATUS_DEADLOCK, text}};
    ex_module *m = open_with("lock_reacquire", NULL);
    for (int s = 0; s < 2; s++) {
        ex_result *r = search(m, s ? EX_STRATEGY_DPOR : EX_STRATEGY_DFS, false, 0);
        assert_violated(r);
        assert_int_equal(r->executions, 1);
        assert_outcomes(r, want, 1);
        assert_replays(m, r, NULL);
        ex_result_free(r);
    }
    ex_module_close(m);
    free(text);
}

/* ---- deadlock_two_locks ------------------------------------------------------------------- */

enum { LOCK_A = 0, LOCK_B = 1 };

/* Thread-1 would print its line between acquire b and release b; the deadlock is each
 * thread holding its first lock: the output is then empty. */
static void test_deadlock_two_locks(void **state) {
    (void)state;
    m_program p;
    memset(&p, 0, sizeof p);
    m_add(&p, 0, M_START, 1, 0, NULL);
    m_add(&p, 0, M_START, 2, 0, NULL);
    m_add(&p, 0, M_JOIN, 1, 0, NULL);
    m_add(&p, 0, M_JOIN, 2, 0, NULL);
    m_add(&p, 0, M_PRINT, 0, 0, "done\n");
    m_add(&p, 0, M_EXIT, 0, 0, NULL);
    const int first[3] = {0, LOCK_A, LOCK_B}, second[3] = {0, LOCK_B, LOCK_A};
    const char *line[3] = {NULL, "Thread-1 holds lock_a and lock_b\n",
                           "Thread-2 holds lock_b and lock_a\n"};
    for (int t = 1; t <= 2; t++) {
        m_add(&p, t, M_BEGIN, 0, 0, NULL);
        m_add(&p, t, M_ACQUIRE, first[t], 0, NULL);
        m_add(&p, t, M_ACQUIRE, second[t], 0, NULL);
        m_add(&p, t, M_PRINT, 0, 0, line[t]);
        m_add(&p, t, M_RELEASE, second[t], 0, NULL);
        m_add(&p, t, M_RELEASE, first[t], 0, NULL);
        m_add(&p, t, M_END, 0, 0, NULL);
    }
    m_result model;
    m_explore(&p, &model);

    char *text = with_lines(
        SCENARIO_SOURCE_DIR, "deadlock_two_locks.c",
        "deadlock: cycle Thread-1 -> Thread-2 -> Thread-1: Thread-1 waits at {ab takes lock_b} "
        "for lock_b, held by Thread-2 since {ba takes lock_b}; Thread-2 waits at "
        "{ba takes lock_a} for lock_a, held by Thread-1 since {ab takes lock_a}; MainThread "
        "waits at {main joins Thread-1} to join Thread-1");
    const expected want[] = {
        {"Thread-1 holds lock_a and lock_b\nThread-2 holds lock_b and lock_a\ndone\n", EX_STATUS_OK,
         "ok"},
        {"Thread-2 holds lock_b and lock_a\nThread-1 holds lock_a and lock_b\ndone\n", EX_STATUS_OK,
         "ok"},
        {"", EX_STATUS_DEADLOCK, text}};
    ex_module *m = open_with("deadlock_two_locks", NULL);
    ex_result *dfs = search(m, EX_STRATEGY_DFS, false, 0);
    assert_dfs_matches_model(dfs, &model);
    assert_violated(dfs);
    assert_outcomes(dfs, want, 3);
    ex_result *dpor = search(m, EX_STRATEGY_DPOR, false, 0);
    assert_violated(dpor);
    assert_outcomes(dpor, want, 3);
    assert_replays(m, dpor, NULL);
    ex_result_free(dfs);
    ex_result_free(dpor);
    ex_module_close(m);
    free(text);
}

/* ---- rlock_counter ------------------------------------------------------------------------ */

/* limit=1 in virtual time. The lock staggers the runners: the first to lock prints at 0 s
 * and sleeps; the other has already read num (0) and waits for the lock. At 1 s the first
 * releases: its "released" line and the other's "locked" line come in either order, both
 * with 0. At 2 s the first increments num while the other wakes, releases and prints
 * "released" with num read before (0) or after (1) that write; the first then sees 1 and
 * stops, the other increments at 3 s. 2 (who locks first) * 2 * 2 = 8 outcomes, all with
 * both runners doing one round: num 2, no update lost. */
static void test_rlock_counter_limit_1(void **state) {
    (void)state;
    want_set w = {0};
    const char *names[2] = {"thread1", "thread2"};
    for (int first = 0; first < 2; first++) {
        const char *f = names[first], *o = names[1 - first];
        for (int order = 0; order < 2; order++) {
            for (int seen = 0; seen < 2; seen++) {
                char *out = NULL;
                char l1[64], r1[64], l2[64], r2[64];
                snprintf(l1, sizeof l1, "Thread(%s) locked, Number: 0\n", f);
                snprintf(r1, sizeof r1, "Thread(%s) released, Number: 0\n", f);
                snprintf(l2, sizeof l2, "Thread(%s) locked, Number: 0\n", o);
                snprintf(r2, sizeof r2, "Thread(%s) released, Number: %d\n", o, seen);
                assert_true(asprintf(&out, "%s%s%s%snum: 2 (rounds: 1 + 1)\n", l1, order ? l2 : r1,
                                     order ? r1 : l2, r2) > 0);
                want_add(&w, out, EX_STATUS_OK, "ok");
            }
        }
    }
    ex_module *m = open_with("rlock_counter", "limit", "1", NULL);
    ex_result *r = search(m, EX_STRATEGY_DPOR, false, 0);
    assert_proved(r);
    assert_outcomes(r, w.items, w.count);
    assert_replays(m, r, NULL);
    ex_result_free(r);
    ex_module_close(m);
    want_free(&w);
}

/* limit=3 in virtual time: each further second adds the same two binary choices (the order
 * of two lines, and a "released" number read before or after the other's increment), so
 * 8 * 4 * 4 = 128 outcomes; the increments stay at even and odd seconds, never together:
 * no update lost, and both runners do 2 rounds: 4 "locked" lines, num 4 -- one more than
 * the limit, because a runner that passed `num >= 3` at 2 still runs its round. */
static void test_rlock_counter_virtual_time(void **state) {
    (void)state;
    ex_module *m = open_tutorial_scenario("rlock_counter");
    long def, value;
    assert_string_equal(ex_module_param(m, 0, NULL, &def, &value), "limit");
    assert_int_equal(def, 6);
    set_param(m, "limit", "3");
    ex_result *r = search(m, EX_STRATEGY_DPOR, false, 0);
    assert_proved(r);
    assert_int_equal(r->outcome_count, 128);
    for (size_t i = 0; i < r->outcome_count; i++) {
        const ex_outcome *o = &r->outcomes[i];
        assert_int_equal(o->status, EX_STATUS_OK);
        assert_int_equal(count_of(o->output, " locked, "), 4);
        assert_int_equal(count_of(o->output, " released, "), 4);
        assert_string_equal(last_line(o->output), "num: 4 (rounds: 2 + 2)\n");
    }
    ex_result_free(r);
    ex_module_close(m);
}

/* --timing-agnostic, limit=1: sleeps order nothing, the two `num += 1` interleave. Every
 * outcome is one of: a runner saw num = 1 and did no round (ok, num 1, one runner's round);
 * both did a round and both increments count (ok, num 2); both did a round and one
 * increment was lost (check failed, num 1). All four kinds occur. */
static void test_rlock_counter_timing_agnostic(void **state) {
    (void)state;
    char *lost = check_text(SCENARIO_SOURCE_DIR, "rlock_counter.c",
                            "num == r1->rounds + r2->rounds", "MainThread");
    ex_module *m = open_with("rlock_counter", "limit", "1", NULL);
    ex_result *r = search(m, EX_STRATEGY_DPOR, true, 0);
    assert_violated(r);
    const char *kinds[4] = {"num: 1 (rounds: 1 + 0)\n", "num: 1 (rounds: 0 + 1)\n",
                            "num: 2 (rounds: 1 + 1)\n", "num: 1 (rounds: 1 + 1)\n"};
    size_t seen[4] = {0};
    for (size_t i = 0; i < r->outcome_count; i++) {
        const ex_outcome *o = &r->outcomes[i];
        const char *last = last_line(o->output);
        int k = 0;
        while (k < 4 && strcmp(last, kinds[k]) != 0)
            k++;
        assert_true(k < 4);
        seen[k]++;
        assert_int_equal(o->status, k == 3 ? EX_STATUS_CHECK_FAILED : EX_STATUS_OK);
        assert_string_equal(o->status_text, k == 3 ? lost : "ok");
        assert_int_equal(count_of(o->output, " locked, "), k < 2 ? 1 : 2);
    }
    for (int k = 0; k < 4; k++)
        assert_true(seen[k] > 0);
    assert_int_equal(seen[0], 1); /* the lone runner's four lines have one order */
    assert_int_equal(seen[1], 1);
    assert_int_equal(r->outcome_count, 22); /* the figure of this build's search */
    ex_options o = test_options(EX_STRATEGY_DFS);
    o.timing_agnostic = true; /* a schedule replays in the mode it was found in */
    assert_replays(m, r, &o);
    ex_result_free(r);
    ex_module_close(m);
    free(lost);
}

/* ---- runner_stop -------------------------------------------------------------------------- */

static char *hello_lines(int n) {
    char *out = calloc((size_t)n + 1, sizeof "thread:hello world\n");
    assert_non_null(out);
    for (int i = 0; i < n; i++)
        strcat(out, "thread:hello world\n");
    return out;
}

/* Virtual time: lines at 0..9 s; at 10 s the runner's sleep and MainThread's sleep(10)
 * end together: stop() first gives 10 lines, the runner first 11. */
static void test_runner_stop(void **state) {
    (void)state;
    want_set w = {0};
    want_add(&w, hello_lines(10), EX_STATUS_OK, "ok");
    want_add(&w, hello_lines(11), EX_STATUS_OK, "ok");
    ex_module *m = open_with("runner_stop", NULL);
    assert_both_prove(m, false, w.items, w.count, 0);
    ex_module_close(m);
    want_free(&w);
}

/* --timing-agnostic: nothing bounds the loop. MainThread takes 9 steps (runner_init's three
 * writes to t and its read of t.thread for the name, the read of t.thread and the start, the
 * sleep, the write of thread_stop, the exit), the runner
 * begin + 4 per line (read the flag, read the name, print, sleep) + the last read + end:
 * with --max-steps 40, 0 to 7 lines end ok (12 + 4n <= 40 steps), and the execution that
 * keeps the runner going is cut at step 41 after 8 lines. Not a violation, not a proof. */
static void test_runner_stop_unbounded(void **state) {
    (void)state;
    want_set w = {0};
    for (int n = 0; n <= 7; n++)
        want_add(&w, hello_lines(n), EX_STATUS_OK, "ok");
    want_add(&w, hello_lines(8), EX_STATUS_STEP_LIMIT,
             "step limit: thread took step 41, past --max-steps");
    ex_module *m = open_with("runner_stop", NULL);
    ex_result *r = search(m, EX_STRATEGY_DPOR, true, 40);
    assert_false(r->complete);
    assert_int_equal(r->stopped_by, EX_STOP_STEP_LIMIT);
    assert_false(r->violated);
    assert_outcomes(r, w.items, w.count);
    const ex_outcome *cut = find_outcome(r, w.items[8].output, EX_STATUS_STEP_LIMIT);
    assert_int_equal(cut->steps, 40);
    ex_result_free(r);
    ex_module_close(m);
    want_free(&w);
}

/* ---- low_level_thread --------------------------------------------------------------------- */

/* Virtual time: the runner's six lines at 0..5 s, MainThread wakes at 10 s. */
static void test_low_level_thread(void **state) {
    (void)state;
    const expected want[] = {{"0:hello world\n1:hello world\n2:hello world\n3:hello world\n"
                              "4:hello world\n5:hello world\nnum:1\n",
                              EX_STATUS_OK, "ok"}};
    ex_module *m = open_with("low_level_thread", NULL);
    assert_both_prove(m, false, want, 1, 0);
    ex_module_close(m);
}

/* --timing-agnostic, lines=2: MainThread's sleep(10) orders nothing, and the _thread
 * thread is a daemon: the program may end after k of its lines before "num:1" and j after
 * it (before MainThread's exit), k + j <= 2: 1 + 2 + 3 = 6 outcomes. The model: the same
 * steps, a sleep (always enabled in this mode) written as a print of nothing. */
static void test_low_level_thread_cut_short(void **state) {
    (void)state;
    m_program p;
    memset(&p, 0, sizeof p);
    enum { LOCK_PTR = 0, NUM = 1 };
    m_add(&p, 0, M_START, 1, 0, NULL);        /* start_new_thread */
    m_add(&p, 0, M_WRITE, LOCK_PTR, 0, NULL); /* lock = allocate_lock() */
    m_add(&p, 0, M_WRITE, NUM, 0, NULL);      /* num = 0 */
    m_add(&p, 0, M_READ, LOCK_PTR, 0, NULL);  /* lock.acquire() */
    m_add(&p, 0, M_ACQUIRE, 0, 0, NULL);
    m_add(&p, 0, M_READ, NUM, 0, NULL); /* num += 1 */
    m_add(&p, 0, M_WRITE, NUM, 1, NULL);
    m_add(&p, 0, M_READ, LOCK_PTR, 0, NULL); /* lock.release() */
    m_add(&p, 0, M_RELEASE, 0, 0, NULL);
    m_add(&p, 0, M_PRINT, 0, 0, "");    /* time.sleep(10) */
    m_add(&p, 0, M_READ, NUM, 0, NULL); /* print('num:'+str(num)) */
    m_add(&p, 0, M_PRINT, 0, 0, "num:1\n");
    m_add(&p, 0, M_EXIT, 0, 0, NULL);
    m_add(&p, 1, M_BEGIN, 0, 0, NULL);
    m_add(&p, 1, M_PRINT, 0, 0, "0:hello world\n");
    m_add(&p, 1, M_PRINT, 0, 0, "");
    m_add(&p, 1, M_PRINT, 0, 0, "1:hello world\n");
    m_add(&p, 1, M_PRINT, 0, 0, "");
    m_add(&p, 1, M_END, 0, 0, NULL); /* exit_thread() */
    p.thread[1].daemon = true;
    m_result *model = malloc(sizeof *model);
    m_explore(&p, model);

    const char *lines[2] = {"0:hello world\n", "1:hello world\n"};
    want_set w = {0};
    for (int total = 0; total <= 2; total++)
        for (int before = 0; before <= total; before++) {
            const char *out[3];
            int n = 0;
            for (int i = 0; i < before; i++)
                out[n++] = lines[i];
            out[n++] = "num:1\n";
            for (int i = before; i < total; i++)
                out[n++] = lines[i];
            want_add(&w, joined(out, (size_t)n), EX_STATUS_OK, "ok");
        }
    assert_int_equal(w.count, 6);
    ex_module *m = open_with("low_level_thread", "lines", "2", NULL);
    ex_result *dfs = search(m, EX_STRATEGY_DFS, true, 0);
    assert_dfs_matches_model(dfs, model);
    assert_proved(dfs);
    assert_outcomes(dfs, w.items, w.count);
    ex_result *dpor = search(m, EX_STRATEGY_DPOR, true, 0);
    assert_proved(dpor);
    assert_outcomes(dpor, w.items, w.count);
    ex_options o = test_options(EX_STRATEGY_DFS);
    o.timing_agnostic = true;
    assert_replays(m, dpor, &o);
    ex_result_free(dfs);
    ex_result_free(dpor);
    ex_module_close(m);
    want_free(&w);
    free(model);
}

/* ---- daemon_thread ------------------------------------------------------------------------ */

static const char daemon_header[] = "DaemonThread.isDaemon() = True, Worker.isDaemon() = False\n";

/* Virtual time: MainThread prints and returns at 0 s; ticks at 1 and 2 s, Worker done at
 * 2.5 s, and the program ends there: the daemon is abandoned in its third sleep. With
 * daemon=0 the exit waits for all five ticks. */
static void test_daemon_thread(void **state) {
    (void)state;
    const expected daemon[] = {{"DaemonThread.isDaemon() = True, Worker.isDaemon() = False\n"
                                "thread MainThread ended.\n"
                                "thread DaemonThread >>> 1\nthread DaemonThread >>> 2\n"
                                "thread Worker done.\n",
                                EX_STATUS_OK, "ok"}};
    const expected waited[] = {{"DaemonThread.isDaemon() = False, Worker.isDaemon() = False\n"
                                "thread MainThread ended.\n"
                                "thread DaemonThread >>> 1\nthread DaemonThread >>> 2\n"
                                "thread Worker done.\n"
                                "thread DaemonThread >>> 3\nthread DaemonThread >>> 4\n"
                                "thread DaemonThread >>> 5\n",
                                EX_STATUS_OK, "ok"}};
    for (int d = 0; d < 2; d++) {
        ex_module *m = open_with("daemon_thread", "daemon", d ? "1" : "0", NULL);
        assert_both_prove(m, false, d ? daemon : waited, 1, 0);
        ex_module_close(m);
    }
}

/* --timing-agnostic: the daemon's first k ticks (k = 0..5) are printed, and MainThread's
 * "ended" line and Worker's line fall anywhere among them (the exit needs both): for each
 * k, (k + 2)(k + 1) orders; 2 + 6 + 12 + 20 + 30 + 42 = 112 outcomes. */
static void test_daemon_thread_timing_agnostic(void **state) {
    (void)state;
    want_set w = {0};
    const char *ticks[5] = {"thread DaemonThread >>> 1\n", "thread DaemonThread >>> 2\n",
                            "thread DaemonThread >>> 3\n", "thread DaemonThread >>> 4\n",
                            "thread DaemonThread >>> 5\n"};
    for (int k = 0; k <= 5; k++)
        for (int e = 0; e < k + 2; e++)
            for (int wk = 0; wk < k + 2; wk++) {
                if (wk == e)
                    continue;
                const char *lines[8];
                int t = 0;
                lines[0] = daemon_header;
                for (int i = 0; i < k + 2; i++)
                    lines[1 + i] = i == e    ? "thread MainThread ended.\n"
                                   : i == wk ? "thread Worker done.\n"
                                             : ticks[t++];
                want_add(&w, joined(lines, (size_t)k + 3), EX_STATUS_OK, "ok");
            }
    assert_int_equal(w.count, 112);
    ex_module *m = open_with("daemon_thread", NULL);
    ex_result *r = search(m, EX_STRATEGY_DPOR, true, 0);
    assert_proved(r);
    assert_outcomes(r, w.items, w.count);
    ex_result_free(r);
    ex_module_close(m);
    want_free(&w);
}

/* ---- join_timeout ------------------------------------------------------------------------- */

static const char *const loop_lines[7] = {
    "thread LoopThread is running...\n", "thread LoopThread >>> 1\n", "thread LoopThread >>> 2\n",
    "thread LoopThread >>> 3\n",         "thread LoopThread >>> 4\n", "thread LoopThread >>> 5\n",
    "thread LoopThread ended.\n"};

/* LoopThread's output with MainThread's first line after `at` of its lines. */
static char *join_output(int at, bool alive) {
    const char *lines[9];
    int n = 0;
    for (int i = 0; i < 7; i++) {
        if (i == at)
            lines[n++] = alive ? "after join(2.5): LoopThread is_alive() = True\n"
                               : "after join(2.5): LoopThread is_alive() = False\n";
        lines[n++] = loop_lines[i];
    }
    if (at == 7)
        lines[n++] = alive ? "after join(2.5): LoopThread is_alive() = True\n"
                           : "after join(2.5): LoopThread is_alive() = False\n";
    lines[n++] = "after join(): LoopThread is_alive() = False\n";
    return joined(lines, (size_t)n);
}

/* Virtual time: join(2.5) gives up at 2.5 s, after ">>> 3" (printed at 2 s), with the
 * thread alive; join() then waits for the end. One outcome. */
static void test_join_timeout(void **state) {
    (void)state;
    want_set w = {0};
    want_add(&w, join_output(4, true), EX_STATUS_OK, "ok");
    ex_module *m = open_with("join_timeout", NULL);
    assert_both_prove(m, false, w.items, w.count, 1);
    ex_module_close(m);
    want_free(&w);
}

/* --timing-agnostic: the timeout may fire at any step: the first line falls before any of
 * LoopThread's 7 lines or after the last one but before LoopThread's end (alive: True, 8
 * places), or after its end (False): 9 outcomes. */
static void test_join_timeout_timing_agnostic(void **state) {
    (void)state;
    want_set w = {0};
    for (int at = 0; at <= 7; at++)
        want_add(&w, join_output(at, true), EX_STATUS_OK, "ok");
    want_add(&w, join_output(7, false), EX_STATUS_OK, "ok");
    ex_module *m = open_with("join_timeout", NULL);
    assert_both_prove(m, true, w.items, w.count, 0);
    ex_module_close(m);
    want_free(&w);
}

/* ---- the thread pool ---------------------------------------------------------------------- */

/* Two workers, two tasks: every task runs once and its result arrives, whatever the order
 * (main prints the results in submission order: one outcome). Also one worker and three
 * tasks. */
static void test_thread_pool(void **state) {
    (void)state;
    const expected two[] = {{"work(1) = 1\nwork(2) = 4\n", EX_STATUS_OK, "ok"}};
    const expected three[] = {{"work(1) = 1\nwork(2) = 4\nwork(3) = 9\n", EX_STATUS_OK, "ok"}};
    ex_module *m = open_tutorial_scenario("thread_pool");
    long def, value;
    assert_string_equal(ex_module_param(m, 0, NULL, &def, &value), "workers");
    assert_int_equal(def, 2);
    assert_string_equal(ex_module_param(m, 1, NULL, &def, &value), "tasks");
    assert_int_equal(def, 2);
    ex_result *r = search(m, EX_STRATEGY_DPOR, false, 0);
    assert_proved(r);
    assert_outcomes(r, two, 1);
    assert_true(r->executions > 1000); /* the lock orders are many; the result is one */
    ex_result_free(r);
    set_param(m, "workers", "1");
    set_param(m, "tasks", "3");
    r = search(m, EX_STRATEGY_DPOR, false, 0);
    assert_proved(r);
    assert_outcomes(r, three, 1);
    ex_result_free(r);
    ex_module_close(m);
}

/* Without the lock, one task and two workers: both can pass the emptiness test, then
 * either both run the task (run 2 times), or one has already moved pool_head past the
 * tail when the other reads pool_queue[pool_head]: the NULL slot, a crash (Python's
 * IndexError), in either worker. */
static void test_thread_pool_racy_one_task(void **state) {
    (void)state;
    char *twice = check_text(SCENARIO_SOURCE_DIR, "thread_pool_racy.c", "each_once", "MainThread");
    const expected want[] = {
        {"work(1) = 1, run 1 time(s)\n", EX_STATUS_OK, "ok"},
        {"work(1) = 1, run 2 time(s)\n", EX_STATUS_CHECK_FAILED, twice},
        {"", EX_STATUS_CRASH, "crash: SIGSEGV in Thread-1: bad memory access at (nil)"},
        {"", EX_STATUS_CRASH, "crash: SIGSEGV in Thread-2: bad memory access at (nil)"}};
    ex_module *m = open_with("thread_pool_racy", "tasks", "1", NULL);
    ex_result *r = search(m, EX_STRATEGY_DPOR, false, 0);
    assert_violated(r);
    /* the two crashes differ only in their text: assert_outcomes cannot tell them apart */
    assert_int_equal(r->outcome_count, ARRAY_SIZE(want));
    for (size_t i = 0; i < ARRAY_SIZE(want); i++)
        assert_non_null(find_exact(r, &want[i]));
    assert_replays(m, r, NULL);
    ex_result_free(r);
    ex_module_close(m);
    free(twice);
}

/* Two tasks: a task is lost -- both workers took task 1 and their two increments of
 * pool_head skipped task 2 -- while task 1 ran once (a lost increment of its run count)
 * or twice; and tasks run twice. */
static void test_thread_pool_racy(void **state) {
    (void)state;
    char *failed = check_text(SCENARIO_SOURCE_DIR, "thread_pool_racy.c", "each_once", "MainThread");
    ex_module *m = open_with("thread_pool_racy", NULL);
    ex_result *r = search(m, EX_STRATEGY_DPOR, false, 0);
    assert_violated(r);
    const char *members[] = {
        "work(1) = 1, run 2 time(s)\nwork(2): lost, never run\n",
        "work(1) = 1, run 1 time(s)\nwork(2): lost, never run\n",
        "work(1) = 1, run 1 time(s)\nwork(2) = 4, run 2 time(s)\n",
        "work(1) = 1, run 2 time(s)\nwork(2) = 4, run 1 time(s)\n",
    };
    for (size_t i = 0; i < ARRAY_SIZE(members); i++) {
        const ex_outcome *o = find_outcome(r, members[i], EX_STATUS_CHECK_FAILED);
        assert_non_null(o);
        assert_string_equal(o->status_text, failed);
    }
    assert_non_null(
        find_outcome(r, "work(1) = 1, run 1 time(s)\nwork(2) = 4, run 1 time(s)\n", EX_STATUS_OK));
    size_t ok = 0, crashes = 0;
    for (size_t i = 0; i < r->outcome_count; i++) {
        ok += r->outcomes[i].status == EX_STATUS_OK;
        crashes += r->outcomes[i].status == EX_STATUS_CRASH;
    }
    assert_int_equal(ok, 1);
    assert_int_equal(crashes, 2);
    assert_int_equal(r->outcome_count, 9); /* the figure of this build's search */
    ex_result_free(r);
    ex_module_close(m);
    free(failed);
}

/* ---- the stateful bounded search ------------------------------------------------------- */

/* Whether every outcome of `part` is among those of `whole`. */
static bool outcomes_within(const ex_result *part, const ex_result *whole) {
    for (size_t i = 0; i < part->outcome_count; i++) {
        bool found = false;
        for (size_t j = 0; j < whole->outcome_count && !found; j++)
            found = whole->outcomes[j].status == part->outcomes[i].status &&
                    !strcmp(whole->outcomes[j].output, part->outcomes[i].output) &&
                    !strcmp(whole->outcomes[j].status_text, part->outcomes[i].status_text);
        if (!found)
            return false;
    }
    return true;
}

/* The outcomes of `a` and `b` are the same set: output, status and status text. */
static void assert_same_outcome_set(const ex_result *a, const ex_result *b, const char *what) {
    if (a->outcome_count != b->outcome_count || !outcomes_within(a, b))
        fail_msg("%s: %zu outcomes against %zu, not the same set", what, a->outcome_count,
                 b->outcome_count);
}

/* Every tutorial scenario (small parameters), in virtual time or timing-agnostic: the
 * stateful search of each bound 0-2 finds exactly the outcomes of bounded dfs, which runs
 * every schedule within the bound, and without a bound exactly those of dpor. (Two tests,
 * one per timing mode: together they take over a minute of CPU in the sanitized build.) */
static void stateful_bounds_match_dfs(bool agnostic) {
    static const char *const runs[][3] = {{"balance_unlocked", "iterations", "2"},
                                          {"balance_locked", "iterations", "2"},
                                          {"balance_augmented", "iterations", "2"},
                                          {"balance_coarse", "iterations", "2"},
                                          {"daemon_thread", "daemon", "1"},
                                          {"daemon_thread", "daemon", "0"},
                                          {"deadlock_two_locks", NULL, NULL},
                                          {"global_dict", "gil", "1"},
                                          {"global_dict", "gil", "0"},
                                          {"join_timeout", NULL, NULL},
                                          {"lock_reacquire", NULL, NULL},
                                          {"loop_thread", NULL, NULL},
                                          {"low_level_thread", "lines", "2"},
                                          {"rlock_counter", "limit", "2"},
                                          {"rlock_reentrant", NULL, NULL},
                                          {"runner_stop", NULL, NULL},
                                          {"thread_local", NULL, NULL},
                                          {"thread_local_shared_global", NULL, NULL},
                                          {"thread_local_three", NULL, NULL},
                                          {"thread_pool", "tasks", "2"},
                                          {"thread_pool_racy", "tasks", "2"}};
    uint64_t summarised = 0, cut = 0;
    for (size_t i = 0; i < ARRAY_SIZE(runs); i++) {
        const char *const *run = runs[i], *name = run[0];
        if (agnostic && !strcmp(name, "runner_stop"))
            continue; /* without time it may loop forever (test_runner_stop_unbounded) */
        ex_module *m = open_with(name, run[1], run[2], NULL);
        for (int k = -1; k <= 2; k++) { /* -1: no bound, against dpor */
            /* (without a bound nothing is summarised: the stateful search takes minutes on
             * the pool, and on rlock_counter without time) */
            if (k < 0 &&
                (!strncmp(name, "thread_pool", 11) || (agnostic && !strcmp(name, "rlock_counter"))))
                continue;
            ex_options o = test_options(k < 0 ? EX_STRATEGY_DPOR : EX_STRATEGY_DFS);
            o.timing_agnostic = agnostic;
            o.preemption_bound = k;
            ex_result *every = explore(m, &o);
            o.stateful = true;
            ex_result *merged = explore(m, &o);
            char what[96];
            snprintf(what, sizeof what, "%s %s=%s, at most %d preemptions%s", name,
                     run[1] ? run[1] : "", run[2] ? run[2] : "", k,
                     agnostic ? ", timing-agnostic" : "");
            assert_true(every->finished);
            assert_true(merged->finished);
            assert_true(merged->complete == (k < 0)); /* unbounded: a proof, like dpor's */
            assert_int_equal(merged->strategy,
                             k < 0 ? EX_SEARCH_STATEFUL : EX_SEARCH_STATEFUL_BOUNDED);
            /* the bound exhausted: said of a bounded search that finished, and only then */
            assert_true(every->bound_exhausted == (k >= 0));
            assert_true(merged->bound_exhausted == (k >= 0));
            assert_same_outcome_set(every, merged, what);
            if (k >= 0) /* (dpor runs fewer executions than schedules; so may the merging) */
                assert_true(merged->executions <= every->executions);
            summarised += merged->summarised;
            cut += merged->redundant;
            ex_result_free(every);
            ex_result_free(merged);
        }
        ex_module_close(m);
    }
    assert_true(summarised > 0 && cut > 0); /* both mechanisms took part */
}

static void test_stateful_bounds_match_dfs(void **state) {
    (void)state;
    stateful_bounds_match_dfs(false);
}

static void test_stateful_bounds_match_dfs_agnostic(void **state) {
    (void)state;
    stateful_bounds_match_dfs(true);
}

/* A bug the stateful search found: on global_dict without its lock dpor said it was
 * complete with 32 of the 46 outcomes (38 once a thread's failing last step counted as
 * global; all 46 once that thread also stopped sleeping past the next step). The missing
 * ones end with a check failing in one thread after the other printed. The reference:
 * bounded dfs with 4 preemptions (44 outcomes, every one real) and the unbounded stateful
 * search (46, as bounded dfs with 6 finds). */
static void test_global_dict_dpor_complete(void **state) {
    (void)state;
    ex_module *m = open_with("global_dict", "gil", "0", NULL);
    ex_options o = test_options(EX_STRATEGY_DFS);
    o.preemption_bound = 4;
    ex_result *bounded = explore(m, &o);
    o.preemption_bound = -1;
    o.stateful = true;
    ex_result *merged = explore(m, &o);
    ex_result *dpor = search(m, EX_STRATEGY_DPOR, false, 0);
    assert_int_equal(bounded->outcome_count, 44);
    assert_true(merged->complete);
    assert_int_equal(merged->outcome_count, 46);
    assert_true(outcomes_within(bounded, merged));
    assert_true(dpor->complete);
    assert_int_equal(dpor->redundant, 0);
    assert_same_outcome_set(dpor, merged, "global_dict gil=0, dpor against stateful");
    /* one of those it missed: Thread-1's second lookup fails after both printed */
    assert_non_null(find_outcome(dpor,
                                 "do_task_1: Bob (in Thread-1)\ndo_task_1: Bob (in Thread-2)\n",
                                 EX_STATUS_CHECK_FAILED));
    ex_result_free(bounded);
    ex_result_free(merged);
    ex_result_free(dpor);
    ex_module_close(m);
}

/* At the tutorial's own 100000 iterations (here 200 for the sanitizer build's sake; the
 * command line does 100000 in seconds, docs/performance.md): two preemptions are needed to
 * lose an update, and the search says so because the bounds 0 and 1 were exhausted. */
static void test_balance_min_preemptions(void **state) {
    (void)state;
    ex_module *m = open_with("balance_unlocked", "iterations", "200", NULL);
    ex_options o = test_options(EX_STRATEGY_DPOR);
    ex_result *r = ex_explore_min_preemptions(m, &o, 6);
    assert_null(r->error);
    assert_true(r->min_preemptions_searched);
    assert_int_equal(r->min_preemptions, 2);
    assert_true(r->fewer_excluded);
    assert_true(r->violated);
    /* the statistics are those of the bound that decided: dpor cut at it, not exhaustive */
    assert_int_equal(r->strategy, EX_SEARCH_DPOR_BOUNDED);
    assert_int_equal(r->stopped_by, EX_STOP_FIRST_VIOLATION);
    assert_false(r->bound_exhausted);
    bool witness = false;
    for (size_t i = 0; i < r->outcome_count; i++)
        if (r->outcomes[i].status == EX_STATUS_CHECK_FAILED) {
            assert_int_equal(r->outcomes[i].preemptions, 2);
            witness = true;
        }
    assert_true(witness);
    assert_replays(m, r, NULL);
    ex_result_free(r);
    /* and the bound 1 on its own: every schedule ends with 0 */
    o.preemption_bound = 1;
    o.stateful = true;
    r = explore(m, &o);
    assert_true(r->finished);
    assert_true(r->bound_exhausted);
    assert_false(r->complete);
    assert_false(r->violated);
    const expected want[] = {{"0\n", EX_STATUS_OK, "ok"}};
    assert_outcomes(r, want, 1);
    assert_true(r->summarised > 0);
    ex_result_free(r);
    ex_module_close(m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stateful_bounds_match_dfs),
        cmocka_unit_test(test_stateful_bounds_match_dfs_agnostic),
        cmocka_unit_test(test_balance_min_preemptions),
        cmocka_unit_test(test_global_dict_dpor_complete),
        cmocka_unit_test(test_loop_thread_unnamed),
        cmocka_unit_test(test_balance_augmented_1),
        cmocka_unit_test(test_balance_augmented_2),
        cmocka_unit_test(test_balance_defaults),
        cmocka_unit_test(test_balance_coarse_small),
        cmocka_unit_test(test_balance_coarse_default),
        cmocka_unit_test(test_thread_local),
        cmocka_unit_test(test_thread_local_three),
        cmocka_unit_test(test_thread_local_shared_global),
        cmocka_unit_test(test_global_dict_gil),
        cmocka_unit_test(test_global_dict_no_gil),
        cmocka_unit_test(test_rlock_reentrant),
        cmocka_unit_test(test_lock_reacquire),
        cmocka_unit_test(test_deadlock_two_locks),
        cmocka_unit_test(test_rlock_counter_limit_1),
        cmocka_unit_test(test_rlock_counter_virtual_time),
        cmocka_unit_test(test_rlock_counter_timing_agnostic),
        cmocka_unit_test(test_runner_stop),
        cmocka_unit_test(test_runner_stop_unbounded),
        cmocka_unit_test(test_low_level_thread),
        cmocka_unit_test(test_low_level_thread_cut_short),
        cmocka_unit_test(test_daemon_thread),
        cmocka_unit_test(test_daemon_thread_timing_agnostic),
        cmocka_unit_test(test_join_timeout),
        cmocka_unit_test(test_join_timeout_timing_agnostic),
        cmocka_unit_test(test_thread_pool),
        cmocka_unit_test(test_thread_pool_racy_one_task),
        cmocka_unit_test(test_thread_pool_racy),
    };
    if (getenv("TEST_FILTER")) /* e.g. TEST_FILTER='test_thread_pool*' runs those only */
        cmocka_set_test_filter(getenv("TEST_FILTER"));
    return cmocka_run_group_tests(tests, NULL, NULL);
}
