/* Unit tests of the runtime through its embedding API (explorer.h), on the test-only
 * scenarios in tests/scenarios/: fibers and the scheduler, locks, virtual time, daemon
 * threads, misuse errors, state reset, crash isolation, limits, the stack filter, replay
 * and the search's controls. Every outcome set is asserted exactly; where a program is
 * small enough, full enumeration is checked against the brute-force model of harness.h,
 * and partial-order reduction against the same outcomes.
 *
 * Tests that once showed a runtime bug say so in a "Regression (fixed)" comment. */
#include "harness.h"

#include "execution/fiber.h"   /* the runtime's own fibers, for the unit test of the switch */
#include "util/text.h"         /* its text buffer, for the unit test of its printf */
#include "search/dependence.h" /* what a step touches, from its operation or from its event */

#include <explorer/scenario.h> /* sizeof(ex_lock) */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const ex_strategy_kind strategies[] = {EX_STRATEGY_DFS, EX_STRATEGY_DPOR};

/* ---- the API's plain functions --------------------------------------------------------- */

static void test_status_names(void **state) {
    (void)state;
    const char *names[] = {"ok",         "check failed", "deadlock",    "misuse",   "crash",
                           "step limit", "runaway",      "unsupported", "abandoned"};
    assert_int_equal(ARRAY_SIZE(names), EX_STATUS_COUNT);
    for (int s = 0; s < EX_STATUS_COUNT; s++)
        assert_string_equal(ex_status_name((ex_status)s), names[s]);
    assert_string_equal(ex_status_name(EX_STATUS_COUNT), "?");
    assert_false(ex_status_is_violation(EX_STATUS_OK));
    assert_true(ex_status_is_violation(EX_STATUS_CHECK_FAILED));
    assert_true(ex_status_is_violation(EX_STATUS_DEADLOCK));
    assert_true(ex_status_is_violation(EX_STATUS_MISUSE));
    assert_true(ex_status_is_violation(EX_STATUS_CRASH));
    assert_false(ex_status_is_violation(EX_STATUS_STEP_LIMIT));
    assert_false(ex_status_is_violation(EX_STATUS_RUNAWAY));
    assert_false(ex_status_is_violation(EX_STATUS_UNSUPPORTED));
    assert_false(ex_status_is_violation(EX_STATUS_ABANDONED));
    assert_false(ex_status_is_incomplete(EX_STATUS_OK));
    assert_false(ex_status_is_incomplete(EX_STATUS_CRASH));
    assert_true(ex_status_is_incomplete(EX_STATUS_STEP_LIMIT));
    assert_true(ex_status_is_incomplete(EX_STATUS_RUNAWAY));
    assert_true(ex_status_is_incomplete(EX_STATUS_UNSUPPORTED));
    assert_false(ex_status_is_incomplete(EX_STATUS_ABANDONED));
}

/* The printable names of what searched and why it stopped: `explorer run` prints these. */
static void test_search_and_stop_names(void **state) {
    (void)state;
    const char *searches[] = {"none",
                              "dpor",
                              "dpor (preemption-bounded)",
                              "dfs",
                              "dfs (preemption-bounded)",
                              "random",
                              "pct",
                              "stateful",
                              "stateful (preemption-bounded)",
                              "replay"};
    assert_int_equal(ARRAY_SIZE(searches), EX_SEARCH_COUNT);
    for (int k = 0; k < EX_SEARCH_COUNT; k++)
        assert_string_equal(ex_search_name((ex_search_kind)k), searches[k]);
    assert_string_equal(ex_search_name(EX_SEARCH_COUNT), "?");
    const char *stops[] = {"none",       "time limit", "execution limit", "first violation",
                           "step limit", "runaway",    "unsupported",     "observer",
                           "interrupted"};
    assert_int_equal(ARRAY_SIZE(stops), EX_STOP_COUNT);
    for (int s = 0; s < EX_STOP_COUNT; s++)
        assert_string_equal(ex_stop_reason_name((ex_stop_reason)s), stops[s]);
    assert_string_equal(ex_stop_reason_name(EX_STOP_COUNT), "?");
}

/* The defaults `explorer run --help` states. */
static void test_options_default(void **state) {
    (void)state;
    ex_options o = ex_options_default();
    assert_int_equal(o.strategy, EX_STRATEGY_DPOR);
    assert_int_equal(o.max_executions, 0);
    assert_int_equal(o.max_steps, 10000000);
    assert_true(o.time_limit == 10.0);
    assert_false(o.stop_on_first);
    assert_false(o.timing_agnostic);
    assert_int_equal(o.stack_size, 256 * 1024);
    assert_false(o.progress);
}

static void assert_open_fails(const char *name, const char *message) {
    char err[512] = "";
    assert_null(ex_module_open(name, err, sizeof err));
    assert_string_equal(err, message);
}

static void test_module_open_errors(void **state) {
    (void)state;
    assert_open_fails("no_such_scenario",
                      "unknown scenario 'no_such_scenario' (see `explorer list`)");
    assert_open_fails("/nonexistent/test_x.so",
                      "cannot load scenario module /nonexistent/test_x.so: /nonexistent/test_x.so: "
                      "cannot open shared object file: No such file or directory");
    assert_open_fails(EXPLORER_LIBRARY, EXPLORER_LIBRARY
                      " is not a scenario module (no EX_SCENARIO of this version)");
}

/* Names are looked up in EXPLORER_SCENARIO_PATH (first folder first), then in the build's
 * scenario folder. */
static void test_module_search_path(void **state) {
    (void)state;
    char err[512];
    assert_open_fails("test_interleave",
                      "unknown scenario 'test_interleave' (see `explorer list`)");
    setenv("EXPLORER_SCENARIO_PATH", "/nonexistent:" TEST_SCENARIO_DIR ":" SCENARIO_DIR, 1);
    ex_module *m = ex_module_open("test_interleave", err, sizeof err);
    assert_non_null(m);
    assert_string_equal(ex_module_path(m), TEST_SCENARIO_DIR "/test_interleave.so");
    assert_string_equal(ex_module_name(m), "test_interleave");
    assert_string_equal(ex_module_summary(m), "tests: two threads print two characters each");
    ex_module_close(m);
    setenv("EXPLORER_SCENARIO_PATH", "", 1);
    m = ex_module_open("loop_thread", err, sizeof err); /* the built-in folder */
    assert_non_null(m);
    assert_string_equal(ex_module_path(m), SCENARIO_DIR "/loop_thread.so");
    ex_module_close(m);
}

static void assert_param_fails(ex_module *m, const char *name, const char *value,
                               const char *message) {
    char err[512] = "";
    assert_false(ex_module_set_param(m, name, value, err, sizeof err));
    assert_string_equal(err, message);
}

static void test_params(void **state) {
    (void)state;
    ex_module *m = open_test_scenario("misuse");
    const char *help;
    long def, value;
    assert_int_equal(ex_module_param_count(m), 1);
    assert_string_equal(ex_module_param(m, 0, &help, &def, &value), "kind");
    assert_string_equal(help, "which misuse (1-10)");
    assert_int_equal(def, 1);
    assert_int_equal(value, 1);
    set_param(m, "kind", "-3");
    ex_module_param(m, 0, NULL, NULL, &value);
    assert_int_equal(value, -3);
    assert_param_fails(m, "bogus", "1", "unknown parameter 'bogus' for test_misuse (it has: kind)");
    const char *bad[] = {"abc", "", "12x", "1.5", "99999999999999999999"};
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        char message[256];
        snprintf(message, sizeof message,
                 "bad value '%s' for parameter 'kind' of test_misuse: expected an integer", bad[i]);
        assert_param_fails(m, "kind", bad[i], message);
    }
    ex_module_param(m, 0, NULL, NULL, &value); /* a failed set changes nothing */
    assert_int_equal(value, -3);
    ex_module_close(m);

    m = open_test_scenario("interleave");
    assert_int_equal(ex_module_param_count(m), 0);
    assert_param_fails(m, "x", "1",
                       "unknown parameter 'x' for test_interleave (it has: no parameters)");
    ex_module_close(m);
}

typedef struct listing {
    char names[128][64];
    char paths[128][512];
    size_t count;
    size_t failed; /* files that did not load */
} listing;

static void list_one(const char *name, const char *summary, const char *path, void *user) {
    listing *l = user;
    assert_true(l->count < 128);
    assert_non_null(summary);
    if (!name) { /* a file that did not load: the reason names it */
        assert_non_null(strstr(summary, path));
        l->failed++;
        return;
    }
    snprintf(l->names[l->count], sizeof l->names[0], "%s", name);
    snprintf(l->paths[l->count], sizeof l->paths[0], "%s", path);
    l->count++;
}

static const char *const test_scenarios[] = {
    "adjacent",        "atomics",      "crash",       "daemon",          "deadlock",
    "interleave",      "join_timeout", "limits",      "local_school",    "lock_timeout",
    "lowlevel",        "misuse",       "observe",     "rlock",           "sleep_order",
    "stack_escape",    "state_reset",  "thread_args", "thread_names",    "wide_copy",
    "symbols",         "assert",       "big_frame",   "pthread_counter", "foreign_thread",
    "unsupported",     "heap",         "exit",        "bad_args",        "nul_output",
    "min_preemptions", "wild_write",   "runaways",    "big_output"};

static void test_scenarios_each(void **state) {
    (void)state;
    static listing l;
    memset(&l, 0, sizeof l);
    setenv("EXPLORER_SCENARIO_PATH", TEST_SCENARIO_DIR, 1);
    size_t n = ex_scenarios_each(list_one, &l);
    setenv("EXPLORER_SCENARIO_PATH", "", 1);
    assert_int_equal(n, l.count);
    for (size_t i = 1; i < l.count; i++) /* sorted by name, each once */
        assert_true(strcmp(l.names[i - 1], l.names[i]) < 0);
    size_t found = 0;
    for (size_t i = 0; i < l.count; i++) {
        if (strncmp(l.names[i], "test_", 5) != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s.so", TEST_SCENARIO_DIR, l.names[i]);
        assert_string_equal(l.paths[i], path);
        found++;
    }
    assert_int_equal(found, ARRAY_SIZE(test_scenarios));
    assert_int_equal(l.failed, 2); /* test_ctor_exit and test_null_fields do not load */
    const char *tutorial[] = {"balance_locked", "balance_unlocked", "loop_thread"};
    for (size_t t = 0; t < ARRAY_SIZE(tutorial); t++) {
        size_t i = 0;
        while (i < l.count && strcmp(l.names[i], tutorial[t]) != 0)
            i++;
        assert_true(i < l.count);
        char path[512];
        snprintf(path, sizeof path, "%s/%s.so", SCENARIO_DIR, tutorial[t]);
        assert_string_equal(l.paths[i], path);
    }
}

/* ---- fibers ------------------------------------------------------------------------------ */

static ex_fiber_ctx os_ctx;
static ex_fiber fibers[2];
static ex_fiber_stacks stacks;
static char trace[64];
static size_t trace_len;
static int fiber_slot[2];
static bool fiber_aligned[2];
static char fiber_text[2][32];

static void note(char c) {
    trace[trace_len++] = c;
}

/* Each fiber checks that it runs on its own stack slot, 16-byte aligned as the ABI wants
 * (snprintf of a double uses SSE stores that fault otherwise), then they ping-pong. */
static void fiber_body(int me, const char *letters) {
    _Alignas(16) char local[16];
    fiber_slot[me] = ex_fiber_stacks_slot(&stacks, (uintptr_t)local);
    fiber_aligned[me] = ((uintptr_t)local & 15) == 0 && (char *)local >= fibers[me].stack_lo &&
                        (char *)local < fibers[me].stack_hi;
    snprintf(fiber_text[me], sizeof fiber_text[me], "%.3f", 1.5 + me);
    for (const char *c = letters; *c; c++) {
        note(*c);
        ex_fiber_switch(&fibers[me].ctx, &fibers[!me].ctx, &fibers[!me]);
    }
}

static void fiber_entry0(void) {
    ex_fiber_started();
    fiber_body(0, "ace");
    note('!');
    ex_fiber_switch(&fibers[0].ctx, &os_ctx, NULL);
}

static void fiber_entry1(void) {
    ex_fiber_started();
    fiber_body(1, "bdf");
    abort(); /* fiber 0 never switches back after its last letter */
}

/* The text buffer's printf gives exactly snprintf's bytes: on the formats of its fast path
 * (format.c), at the edges of each integer type, and on formats it leaves to vsnprintf. */
#define EXPECT_FORMAT(...)                                                                         \
    do {                                                                                           \
        char want[256];                                                                            \
        int n = snprintf(want, sizeof want, __VA_ARGS__); /* -1: a bad format, nothing written */  \
        ex_text got = {0};                                                                         \
        ex_text_append(&got, "<", 1);                                                              \
        ex_text_printf(&got, __VA_ARGS__);                                                         \
        assert_int_equal(got.len, (n > 0 ? (size_t)n : 0) + 1);                                    \
        assert_memory_equal(got.data + 1, want, n > 0 ? (size_t)n : 0);                            \
        assert_int_equal(got.data[got.len], '\0');                                                 \
        ex_text_free(&got);                                                                        \
    } while (0)

static void test_text_format(void **state) {
    (void)state;
    const char *none = NULL;
    EXPECT_FORMAT("%d\n", 0);
    EXPECT_FORMAT("%d %i %d", INT32_MIN, INT32_MAX, -7);
    EXPECT_FORMAT("%u %x %x", 4294967295u, 0u, 3735928559u);
    EXPECT_FORMAT("%ld|%li|%lu|%lx", (long)INT64_MIN, 42L, (unsigned long)UINT64_MAX, 255ul);
    EXPECT_FORMAT("%lld %llu %llx", (long long)INT64_MIN, (unsigned long long)UINT64_MAX, 16ull);
    EXPECT_FORMAT("%s and %s%c%%", "balance", "", 'x');
    EXPECT_FORMAT("%s", none);
    EXPECT_FORMAT("100%% plain text, no conversion");
    EXPECT_FORMAT("%c", 0); /* a NUL byte is written and counted */
    EXPECT_FORMAT("%5d|%-3s|%.2f|%02x|%p", 42, "a", 3.14159, 7u, (void *)&none); /* vsnprintf */
    EXPECT_FORMAT("%zu %hd %ls", (size_t)9, (short)-1, L"w");                    /* vsnprintf */
    const char *lone = "%d%"; /* a lone '%' at the end: left to vsnprintf, whatever it does */
    EXPECT_FORMAT(lone, 1);
}

static bool same_access(ex_access a, ex_access b) {
    return a.first == b.first && a.count == b.count && a.mode == b.mode && a.lock == b.lock &&
           a.started == b.started && a.takes == b.takes;
}

/* A recorded step touches what its operation did, by the one table of dependence.h: the
 * event (made as the scheduler records it) and the operation agree for every kind, timed or
 * not, timing-agnostic or not; a start touches its thread object and names the thread it
 * starts. */
static void test_event_access(void **state) {
    (void)state;
    static ex_thread started = {.id = 5};
    for (int kind = 0; kind < EX_OP_COUNT; kind++) {
        bool on_thread = kind == EX_OP_START || kind == EX_OP_JOIN || kind == EX_OP_END;
        ex_op op = {.kind = (ex_op_kind)kind,
                    .size = 4,
                    .addr = on_thread ? (uintptr_t)&started : 0x1004,
                    .deadline = -1};
        ex_event e = {
            .kind = op.kind, .object = op.addr, .size = 4, .target = on_thread ? started.id : -1};
        for (int flags = 0; flags < 4; flags++) {
            e.timed = flags & 1;
            bool agnostic = flags & 2;
            assert_true(same_access(ex_event_access(&e, agnostic),
                                    ex_access_of(&op, e.timed, e.timed, agnostic)));
        }
    }
    ex_event start = {.kind = EX_OP_START, .object = (uintptr_t)&started, .target = 5};
    ex_access a = ex_event_access(&start, false);
    assert_int_equal(a.first, (uintptr_t)&started >> 3);
    assert_int_equal(a.count, 1);
    assert_int_equal(a.mode, WRITE);
    assert_int_equal(a.started, 5);
}

static void test_fibers(void **state) {
    (void)state;
    assert_true(ex_fiber_stacks_init(&stacks, 2, 64 * 1024));
    assert_int_equal(stacks.slots, 2);
    assert_int_equal(stacks.stack_size, 64 * 1024);
    assert_int_equal(stacks.slot_size, 64 * 1024 + 4096); /* a guard page below each stack */
    assert_int_equal(ex_fiber_stacks_slot(&stacks, (uintptr_t)stacks.base), 0);
    assert_int_equal(ex_fiber_stacks_slot(&stacks, (uintptr_t)stacks.base + stacks.slot_size), 1);
    assert_int_equal(ex_fiber_stacks_slot(&stacks, (uintptr_t)stacks.base + 2 * stacks.slot_size),
                     -1);
    assert_int_equal(ex_fiber_stacks_slot(&stacks, (uintptr_t)stacks.base - 1), -1);
    ex_fiber_init(&fibers[0], &stacks, 0, fiber_entry0);
    ex_fiber_init(&fibers[1], &stacks, 1, fiber_entry1);
    assert_ptr_equal(fibers[1].stack_lo, stacks.base + stacks.slot_size + 4096);
    assert_ptr_equal(fibers[1].stack_hi, stacks.base + 2 * stacks.slot_size);
    trace_len = 0;
    ex_fiber_switch(&os_ctx, &fibers[0].ctx, &fibers[0]);
    trace[trace_len] = '\0';
    assert_string_equal(trace, "abcdef!");
    assert_int_equal(fiber_slot[0], 0);
    assert_int_equal(fiber_slot[1], 1);
    assert_true(fiber_aligned[0]);
    assert_true(fiber_aligned[1]);
    assert_string_equal(fiber_text[0], "1.500");
    assert_string_equal(fiber_text[1], "2.500");
    ex_fiber_stacks_destroy(&stacks);
}

/* ---- the scheduler against the model ------------------------------------------------------ */

/* MainThread starts Thread-1 and Thread-2 and joins them in order. */
static void start_and_join_two(m_program *p) {
    m_add(p, 0, M_START, 1, 0, NULL);
    m_add(p, 0, M_START, 2, 0, NULL);
    m_add(p, 0, M_JOIN, 1, 0, NULL);
    m_add(p, 0, M_JOIN, 2, 0, NULL);
}

/* Explores test scenario `name` with `strategy`: full enumeration must equal the model of
 * it, the reduced search must find the model's outcomes; either way exactly `want`. */
static void assert_model_with(ex_strategy_kind strategy, const char *name, const char *param,
                              const char *value, const m_program *p, const expected *want,
                              size_t n) {
    m_result model;
    m_explore(p, &model);
    ex_module *m = open_test_scenario(name);
    ex_result *r = explore_with(m, strategy, param, value);
    if (strategy == EX_STRATEGY_DFS)
        assert_dfs_matches_model(r, &model);
    else
        assert_same_outcomes_as_model(r, &model);
    assert_true(r->complete);
    assert_outcomes(r, want, n);
    assert_replays(m, r, NULL);
    ex_result_free(r);
    ex_module_close(m);
}

/* assert_model_with, for each strategy */
static void assert_model(const char *name, const char *param, const char *value, const m_program *p,
                         const expected *want, size_t n) {
    for (size_t s = 0; s < ARRAY_SIZE(strategies); s++)
        assert_model_with(strategies[s], name, param, value, p, want, n);
}

static void test_interleave(void **state) {
    (void)state;
    m_program p = {0};
    start_and_join_two(&p);
    m_add(&p, 0, M_EXIT, 0, 0, NULL);
    const char *letters[3][2] = {{NULL, NULL}, {"a", "b"}, {"c", "d"}};
    for (int t = 1; t <= 2; t++) {
        m_add(&p, t, M_BEGIN, 0, 0, NULL);
        m_add(&p, t, M_PRINT, 0, 0, letters[t][0]);
        m_add(&p, t, M_PRINT, 0, 0, letters[t][1]);
        m_add(&p, t, M_END, 0, 0, NULL);
    }
    /* every merge of "ab" and "cd" */
    const expected want[] = {{"abcd", EX_STATUS_OK, "ok"}, {"acbd", EX_STATUS_OK, "ok"},
                             {"acdb", EX_STATUS_OK, "ok"}, {"cabd", EX_STATUS_OK, "ok"},
                             {"cadb", EX_STATUS_OK, "ok"}, {"cdab", EX_STATUS_OK, "ok"}};
    assert_model("interleave", NULL, NULL, &p, want, ARRAY_SIZE(want));
}

/* Two __atomic_fetch_add: one step each, no lost update. */
static void test_atomics(void **state) {
    (void)state;
    m_program p = {0};
    start_and_join_two(&p);
    m_add(&p, 0, M_READ, 0, 0, NULL);
    m_add(&p, 0, M_PRINT_REG, 0, 0, NULL);
    m_add(&p, 0, M_CHECK, 0, 2, NULL);
    m_add(&p, 0, M_EXIT, 0, 0, NULL);
    for (int t = 1; t <= 2; t++) {
        m_add(&p, t, M_BEGIN, 0, 0, NULL);
        m_add(&p, t, M_ADD, 0, 1, NULL);
        m_add(&p, t, M_END, 0, 0, NULL);
    }
    const expected want[] = {{"2\n", EX_STATUS_OK, "ok"}};
    assert_model("atomics", NULL, NULL, &p, want, 1);
}

/* Lock order a-b against b-a: the schedules where each thread holds its first lock
 * deadlock; the others print "done". */
static void test_deadlock_lock_order(void **state) {
    (void)state;
    enum { A, B };
    m_program p = {0};
    start_and_join_two(&p);
    m_add(&p, 0, M_PRINT, 0, 0, "done\n");
    m_add(&p, 0, M_EXIT, 0, 0, NULL);
    const int order[3][2] = {{0, 0}, {A, B}, {B, A}};
    for (int t = 1; t <= 2; t++) {
        m_add(&p, t, M_BEGIN, 0, 0, NULL);
        m_add(&p, t, M_ACQUIRE, order[t][0], 0, NULL);
        m_add(&p, t, M_ACQUIRE, order[t][1], 0, NULL);
        m_add(&p, t, M_RELEASE, order[t][1], 0, NULL);
        m_add(&p, t, M_RELEASE, order[t][0], 0, NULL);
        m_add(&p, t, M_END, 0, 0, NULL);
    }
    char *text = with_lines(TEST_SCENARIO_SOURCE_DIR, "deadlock.c",
                            "deadlock: cycle Thread-1 -> Thread-2 -> Thread-1: "
                            "Thread-1 waits at {ab: b} for lock_b, held by Thread-2 since {ba: b}; "
                            "Thread-2 waits at {ba: a} for lock_a, held by Thread-1 since {ab: a}; "
                            "MainThread waits at {0: join} to join Thread-1");
    const expected want[] = {{"done\n", EX_STATUS_OK, "ok"}, {"", EX_STATUS_DEADLOCK, text}};
    assert_model("deadlock", "kind", "0", &p, want, ARRAY_SIZE(want));
    free(text);
}

/* A daemon thread prints twice while MainThread prints once and returns: exit does not wait
 * for the daemon, so the execution ends after 0, 1 or 2 of its prints. */
static void daemon_abandoned(ex_strategy_kind strategy) {
    m_program p = {0};
    m_add(&p, 0, M_START, 1, 0, NULL);
    m_add(&p, 0, M_PRINT, 0, 0, "m\n");
    m_add(&p, 0, M_EXIT, 0, 0, NULL);
    m_add(&p, 1, M_BEGIN, 0, 0, NULL);
    m_add(&p, 1, M_PRINT, 0, 0, "d1\n");
    m_add(&p, 1, M_PRINT, 0, 0, "d2\n");
    m_add(&p, 1, M_END, 0, 0, NULL);
    p.thread[1].daemon = true;
    const expected want[] = {
        {"m\n", EX_STATUS_OK, "ok"},         {"d1\nm\n", EX_STATUS_OK, "ok"},
        {"m\nd1\n", EX_STATUS_OK, "ok"},     {"d1\nd2\nm\n", EX_STATUS_OK, "ok"},
        {"d1\nm\nd2\n", EX_STATUS_OK, "ok"}, {"m\nd1\nd2\n", EX_STATUS_OK, "ok"}};
    assert_model_with(strategy, "daemon", "mode", "1", &p, want, ARRAY_SIZE(want));
}

static void test_daemon_abandoned_dfs(void **state) {
    (void)state;
    daemon_abandoned(EX_STRATEGY_DFS);
}

static void test_daemon_abandoned_dpor(void **state) {
    (void)state;
    /* Regression (fixed): DPOR finds only "m\n" (one execution); full enumeration finds all six
     * outcomes. In strategy_dpor.c, access_of() gives a thread's BEGIN (and END is no help: it
     * never comes) the mode NONE, and dependent() says NONE is independent of everything, even of
     * MainThread's EXIT, a GLOBAL step that ends daemon threads. So when the first
     * execution runs MainThread to its exit, dpor_end() sees no race with the daemon's
     * pending BEGIN and nothing is ever tried before the exit. */
    daemon_abandoned(EX_STRATEGY_DPOR);
}

/* ---- locks --------------------------------------------------------------------------------- */

static void test_rlock_reentrant(void **state) {
    (void)state;
    const expected want[] = {
        {"main holds it twice\nmain released once\nThread-1 holds it\nlocked=0\n", EX_STATUS_OK,
         "ok"}};
    assert_scenario("rlock", NULL, NULL, want, 1);
}

static void test_lock_timeout(void **state) {
    (void)state;
    const expected want[] = {{"try: 0 at 0.0\ntimed: 0 at 1.5\nmain releases at 4.0\n"
                              "blocking: 1 at 4.0\nlocked: 0\n",
                              EX_STATUS_OK, "ok"}};
    assert_scenario("lock_timeout", NULL, NULL, want, 1);
}

static void test_lowlevel_thread(void **state) {
    (void)state;
    const expected want[] = {{"worker\nmain\n", EX_STATUS_OK, "ok"}};
    assert_scenario("lowlevel", NULL, NULL, want, 1);
}

static void test_deadlock_messages(void **state) {
    (void)state;
    /* the wait-for cycle first (from its lowest thread), then the other waits */
    const struct {
        const char *kind, *output, *text;
    } cases[] = {
        {"1", "before\n",
         "deadlock: cycle MainThread -> MainThread: MainThread waits at {1: second} for lock_a, "
         "held by MainThread since {1: first}"},
        {"2", "",
         "deadlock: cycle MainThread -> Thread-1 -> MainThread: MainThread waits at {2: join} to "
         "join Thread-1; Thread-1 waits at {take} for lock_b, held by MainThread since "
         "{2: acquire}"},
        {"3", "",
         "deadlock: MainThread waits at exit for its non-daemon threads; Thread-1 waits at {take} "
         "for pair+%zu, held by MainThread since {3: acquire}"},
        {"4", "",
         "deadlock: cycle MainThread -> Thread-1 -> MainThread: MainThread waits at {4: join} to "
         "join Thread-1; Thread-1 waits at {take} for heap+0x0, held by MainThread since "
         "{4: acquire}"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        char format[512]; /* pair[1] is at pair + sizeof(ex_lock) */
        snprintf(format, sizeof format, cases[i].text, sizeof(ex_lock));
        char *text = with_lines(TEST_SCENARIO_SOURCE_DIR, "deadlock.c", format);
        const expected want[] = {{cases[i].output, EX_STATUS_DEADLOCK, text}};
        assert_scenario("deadlock", "kind", cases[i].kind, want, 1);
        free(text);
    }
}

/* is_alive() and locked() read another thread's progress: whether Thread-1 ran before
 * MainThread's write of `flag` or not shows in what MainThread prints. */
static const expected observe_alive[] = {{"alive=1\n", EX_STATUS_OK, "ok"},
                                         {"alive=0\n", EX_STATUS_OK, "ok"}};
static const expected observe_locked[] = {{"locked=0\n", EX_STATUS_OK, "ok"},
                                          {"locked=1\n", EX_STATUS_OK, "ok"}};

static void observe(ex_strategy_kind strategy) {
    ex_module *m = open_test_scenario("observe");
    ex_result *r = explore_with(m, strategy, "what", "0");
    assert_true(r->complete);
    assert_outcomes(r, observe_alive, 2);
    ex_result_free(r);
    r = explore_with(m, strategy, "what", "1");
    assert_true(r->complete);
    assert_outcomes(r, observe_locked, 2);
    ex_result_free(r);
    ex_module_close(m);
}

static void test_observe_dfs(void **state) {
    (void)state;
    observe(EX_STRATEGY_DFS);
}

static void test_observe_dpor(void **state) {
    (void)state;
    /* Regression (fixed): DPOR runs one execution and finds only alive=1 (and only locked=0). The
     * values ex_thread_is_alive() and ex_lock_locked() return depend on the other thread's END and
     * acquire, but they are no steps and strategy_dpor.c records no access for them, so
     * MainThread's write of `flag` looks independent of everything Thread-1 does and the
     * other order is never tried. */
    observe(EX_STRATEGY_DPOR);
}

/* A struct copy spans eight 8-byte blocks; a write to the last one races with it, and both
 * strategies must find both orders. Regression: DPOR once looked at three blocks only. */
static void test_wide_copy(void **state) {
    (void)state;
    const expected want[] = {{"0\n", EX_STATUS_OK, "ok"}, {"1\n", EX_STATUS_OK, "ok"}};
    assert_scenario("wide_copy", NULL, NULL, want, 2);
}

/* ---- virtual time --------------------------------------------------------------------------- */

static void test_sleep_order(void **state) {
    (void)state;
    const expected want[] = {{"B\nA\n", EX_STATUS_OK, "ok"}};
    assert_scenario("sleep_order", NULL, NULL, want, 1);
}

/* Timing-agnostic: a sleep orders nothing, so both orders are outcomes. */
static void test_sleep_order_timing_agnostic(void **state) {
    (void)state;
    const expected want[] = {{"A\nB\n", EX_STATUS_OK, "ok"}, {"B\nA\n", EX_STATUS_OK, "ok"}};
    for (size_t s = 0; s < ARRAY_SIZE(strategies); s++) {
        ex_module *m = open_test_scenario("sleep_order");
        ex_options o = test_options(strategies[s]);
        o.timing_agnostic = true;
        ex_result *r = explore(m, &o);
        assert_true(r->complete);
        assert_outcomes(r, want, 2);
        ex_result_free(r);
        ex_module_close(m);
    }
}

static void test_join_timeout(void **state) {
    (void)state;
    const expected want[] = {{"before start: alive=0\nafter join(1): alive=1 at 1.0\n"
                              "Sleeper woke at 5.0\nafter join(): alive=0 at 5.0\n"
                              "Thread-1 woke at 5.5\nafter join(3): alive=0 at 5.5\n",
                              EX_STATUS_OK, "ok"}};
    assert_scenario("join_timeout", NULL, NULL, want, 1);
}

/* Exit waits for Worker (1 s), never for the daemons sleeping 10 s. */
static void test_daemon_not_waited_for(void **state) {
    (void)state;
    const expected want[] = {
        {"daemon=1 worker=0\n_thread daemon=1\nmain done\nworker done\n", EX_STATUS_OK, "ok"}};
    assert_scenario("daemon", "mode", "0", want, 1);
}

/* ---- misuse ---------------------------------------------------------------------------------- */

static void test_misuse(void **state) {
    (void)state;
    const char *texts[] = {
        NULL,
        "misuse: MainThread: RuntimeError: release unlocked lock (lock_a)",
        "misuse: Thread-1: RuntimeError: cannot release un-acquired lock (rlock_b, held by "
        "MainThread)",
        "misuse: MainThread: RuntimeError: threads can only be started once (Thread-1)",
        "misuse: MainThread: RuntimeError: cannot join thread before it is started (Thread-1)",
        "misuse: Thread-1: RuntimeError: cannot join current thread",
        "misuse: MainThread: AttributeError: '_thread._local' object has no attribute 'student'",
        "misuse: MainThread: RuntimeError: cannot set daemon status of active thread (Thread-1)",
        "misuse: MainThread: ValueError: can't specify a timeout for a non-blocking call",
        "misuse: MainThread: a thread takes at most 8 arguments, not 9",
        "misuse: MainThread: too many threads: the explorer runs at most 64 per execution",
    };
    for (int kind = 1; kind < (int)ARRAY_SIZE(texts); kind++) {
        char value[8];
        snprintf(value, sizeof value, "%d", kind);
        const expected want[] = {{"", EX_STATUS_MISUSE, texts[kind]}};
        assert_scenario("misuse", "kind", value, want, 1);
    }
}

/* ---- threads ----------------------------------------------------------------------------------
 */

static void test_thread_names(void **state) {
    (void)state;
    const expected want[] = {{"MainThread Thread-1 Worker Thread-2\nmain is main: 1\n"
                              "main thread: MainThread\nThread-1\nWorker\nRenamed\n",
                              EX_STATUS_OK, "ok"}};
    assert_scenario("thread_names", NULL, NULL, want, 1);
}

static void test_thread_args(void **state) {
    (void)state;
    const expected want[] = {
        {"i=42 d=2.50 l=1234567890123 s=hello f=0.25 neg=-7 *p=7 ll=9000000000\n", EX_STATUS_OK,
         "ok"}};
    assert_scenario("thread_args", "kind", "0", want, 1);
}

static void test_thread_arg_typed_pointer(void **state) {
    (void)state;
    /* Regression (fixed): scenario.h says "other pointers (void *, or any pointer through EX_PTR)
     * pass as they are", but EX_ARG_OF sends every pointer type other than void * and char * to the
     * default branch, ex_arg_int(long long): EX_ARGS(&cell) with `int *` compiles (with only
     * a -Wint-conversion warning) and passes the pointer truncated to an int, so the thread
     * crashes on it. EX_ARGS(EX_PTR(&cell)) does not compile at all (an ex_arg goes to
     * ex_arg_int too). */
    const expected want[] = {{"*p=7\n", EX_STATUS_OK, "ok"}};
    assert_scenario("thread_args", "kind", "1", want, 1);
}

static void test_thread_local(void **state) {
    (void)state;
    const expected want[] = {
        {"Hello, Alice (in Thread-A)\nHello, Bob (in Thread-B)\n", EX_STATUS_OK, "ok"},
        {"Hello, Bob (in Thread-B)\nHello, Alice (in Thread-A)\n", EX_STATUS_OK, "ok"}};
    assert_scenario("local_school", NULL, NULL, want, 2);
}

/* ---- state reset -------------------------------------------------------------------------------
 */

/* Globals, statics, the heap and its addresses are the same at the start of every
 * execution: one outcome over many executions, and the same again in a second search. */
static void test_state_reset(void **state) {
    (void)state;
    static const char prefix[] =
        "counter=1 initialised=42 static=1 big=1 buffer=1,2 x+y=3 heap! 0x";
    ex_module *m = open_test_scenario("state_reset");
    for (int run = 0; run < 2; run++) {
        for (size_t s = 0; s < ARRAY_SIZE(strategies); s++) {
            ex_result *r = explore_with(m, strategies[s], NULL, NULL);
            assert_true(r->complete);
            assert_int_equal(r->outcome_count, 1);
            assert_true(r->executions > 1);
            const ex_outcome *o = &r->outcomes[0];
            assert_int_equal(o->status, EX_STATUS_OK);
            assert_int_equal(o->count, r->executions);
            assert_memory_equal(o->output, prefix, strlen(prefix));
            assert_int_equal(o->output[strlen(o->output) - 1], '\n');
            ex_result_free(r);
        }
    }
    ex_module_close(m);
}

/* ---- crashes ------------------------------------------------------------------------------------
 */

/* The first execution crashes (MainThread sets `flag` before Thread-1 reads it); the
 * search goes on and finds the schedules where Thread-1 reads it first. */
static void test_crash_isolated(void **state) {
    (void)state;
    const expected want[] = {{"cell=0\n", EX_STATUS_OK, "ok"},
                             {"", EX_STATUS_CRASH, "crash: SIGABRT in Thread-1"}};
    assert_scenario("crash", "kind", "4", want, 2);
    for (size_t s = 0; s < ARRAY_SIZE(strategies); s++) {
        ex_module *m = open_test_scenario("crash");
        ex_result *r = explore_with(m, strategies[s], "kind", "4");
        assert_int_equal(r->outcomes[0].status, EX_STATUS_CRASH);
        assert_true(r->executions >= 2);
        assert_int_equal(r->violations, r->outcomes[0].count);
        ex_result_free(r);
        ex_module_close(m);
    }
}

/* The same with a write through NULL (MainThread clears `target` before Thread-1 writes
 * through it). */
static void test_crash_null_write(void **state) {
    (void)state;
    /* Regression (fixed): the explorer itself dies of SIGSEGV after the scenario's NULL write
     * whenever it records the execution's events (a replay, an observer, the lost-update diagnosis
     * of `explorer run`): ex_execution_run() calls ex_record_value() when the execution has ended,
     * and it reads the value of the last event, the faulting WRITE, through its address, NULL, now
     * outside the execution, where on_fault() lets SIGSEGV kill the process. `explorer run
     * test_crash` exits 139. */
    const expected want[] = {
        {"cell=1\n", EX_STATUS_OK, "ok"},
        {"", EX_STATUS_CRASH, "crash: SIGSEGV in Thread-1: bad memory access at (nil)"}};
    assert_scenario("crash", "kind", "0", want, 2);
}

static void test_crash_kinds(void **state) {
    (void)state;
    const struct {
        const char *kind, *text;
    } cases[] = {
        {"1", "crash: stack overflow in Thread-1 (its stack is 256 KiB; see --stack-size)"},
        {"2", "crash: SIGABRT in Thread-1"},
        {"3", "crash: SIGFPE in Thread-1"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        const expected want[] = {{"", EX_STATUS_CRASH, cases[i].text}};
        assert_scenario("crash", "kind", cases[i].kind, want, 1);
    }
}

static void test_stack_size_option(void **state) {
    (void)state;
    ex_module *m = open_test_scenario("crash");
    set_param(m, "kind", "1");
    ex_options o = test_options(EX_STRATEGY_DFS);
    o.stack_size = 64 * 1024;
    ex_result *r = explore(m, &o);
    const expected want[] = {
        {"", EX_STATUS_CRASH,
         "crash: stack overflow in Thread-1 (its stack is 64 KiB; see --stack-size)"}};
    assert_outcomes(r, want, 1);
    assert_int_equal(r->executions, 1);
    ex_result_free(r);
    ex_module_close(m);
}

/* ---- limits -------------------------------------------------------------------------------------
 */

static void test_runaway(void **state) {
    (void)state;
    ex_module *m = open_test_scenario("limits");
    ex_result *r = explore_with(m, EX_STRATEGY_DFS, "kind", "0");
    const expected want[] = {
        {"", EX_STATUS_RUNAWAY, "runaway: Thread-1 ran 1.0 s of CPU without a visible operation"}};
    assert_outcomes(r, want, 1);
    assert_int_equal(r->executions, 1);
    assert_false(r->complete);
    assert_false(r->violated);
    assert_int_equal(r->stopped_by, EX_STOP_RUNAWAY);
    ex_result_free(r);
    ex_module_close(m);
}

static void test_runaway_twice(void **state) {
    (void)state;
    /* Regression (fixed): after one runaway execution, every later one in the process hangs.
     * fault.c's SIGVTALRM handler (on_tick) leaves the signal frame by switching fibers, never
     * returning, and its sigaction has no SA_NODEFER: SIGVTALRM stays blocked in the
     * thread's signal mask for good, so the runaway watch never ticks again. This test
     * would hang in the second search (so would `explorer run test_limits -p kind=2
     * --strategy dfs`, whose second execution runs away too). */
    ex_module *m = open_test_scenario("limits");
    for (int i = 0; i < 2; i++) {
        ex_result *r = explore_with(m, EX_STRATEGY_DFS, "kind", "0");
        assert_int_equal(r->outcomes[0].status, EX_STATUS_RUNAWAY);
        ex_result_free(r);
    }
    ex_module_close(m);
}

static void test_step_limit(void **state) {
    (void)state;
    for (size_t s = 0; s < ARRAY_SIZE(strategies); s++) {
        ex_module *m = open_test_scenario("limits");
        set_param(m, "kind", "1");
        ex_options o = test_options(strategies[s]);
        o.max_steps = 40;
        ex_result *r = explore(m, &o);
        const expected want[] = {
            {"", EX_STATUS_STEP_LIMIT, "step limit: Thread-1 took step 41, past --max-steps"}};
        assert_outcomes(r, want, 1);
        assert_int_equal(r->executions, 1);
        assert_int_equal(r->outcomes[0].steps, 40);
        assert_int_equal(r->max_depth, 40);
        assert_false(r->complete);
        assert_false(r->violated);
        assert_int_equal(r->stopped_by, EX_STOP_STEP_LIMIT);
        assert_replays(m, r, &o); /* the replay runs into the same limit */
        ex_result_free(r);
        ex_module_close(m);
    }
}

static void test_step_limit_stopped_by(void **state) {
    (void)state;
    /* Regression (fixed): explorer.h documented result->stopped_by as NULL, "time limit",
     * "execution limit", "first violation" or "step limit" (an execution ran past
     * --max-steps), but search.c set "an execution cut short (step limit or runaway)" for a
     * step limit (and for a runaway, which the header did not list). It is an enum now, and
     * its printable name is the one the header lists. */
    ex_module *m = open_test_scenario("limits");
    set_param(m, "kind", "1");
    ex_options o = test_options(EX_STRATEGY_DFS);
    o.max_steps = 40;
    ex_result *r = explore(m, &o);
    assert_int_equal(r->stopped_by, EX_STOP_STEP_LIMIT);
    assert_string_equal(ex_stop_reason_name(r->stopped_by), "step limit");
    ex_result_free(r);
    ex_module_close(m);
}

/* ---- the stack filter ---------------------------------------------------------------------- */

/* Two threads write MainThread's local through a pointer: the search must restart with
 * that stack page shared, and then find the lost update. */
static void test_stack_escape(void **state) {
    (void)state;
    /* BUG (the ASan build, once fiber stacks are unpoisoned): ex_record_value() reads the
     * value of MainThread's last read of `local` at its next step, its exit, when
     * scenario_main() has returned and `local` is a dead stack slot: ASan reports a
     * stack-buffer-overflow in ex_record_value() (scheduler.c). The release build reads
     * what happens to be left there. */
    char *failed =
        check_text(TEST_SCENARIO_SOURCE_DIR, "stack_escape.c", "local == 2", "MainThread");
    const expected want[] = {{"2\n", EX_STATUS_OK, "ok"}, {"1\n", EX_STATUS_CHECK_FAILED, failed}};
    assert_scenario("stack_escape", NULL, NULL, want, 2);
    for (size_t s = 0; s < ARRAY_SIZE(strategies); s++) {
        ex_module *m = open_test_scenario("stack_escape");
        ex_result *r = explore_with(m, strategies[s], NULL, NULL);
        assert_true(r->restarts >= 1);
        for (size_t i = 0; i < r->outcome_count; i++) /* witnesses name the shared page */
            assert_non_null(strstr(r->outcomes[i].schedule, "/s="));
        ex_result_free(r);
        ex_module_close(m);
    }
    free(failed);
}

/* ---- replay -------------------------------------------------------------------------------- */

static void assert_replay_error(ex_module *m, const char *schedule, const char *message) {
    ex_options o = test_options(EX_STRATEGY_DFS);
    ex_result *r = ex_replay(m, schedule, &o);
    if (!r->error)
        fail_msg("replay of %s did not fail", schedule);
    assert_string_equal(r->error, message);
    ex_result_free(r);
}

/* Malformed schedules: each error names the character where the text stops making sense
 * (characters 1-8 are "v1.CCCC:"). `runs` follow the module's own prefix. */
static void test_replay_malformed(void **state) {
    (void)state;
    ex_module *m = open_tutorial_scenario("balance_unlocked");
    static const char prefix_error[] =
        "bad schedule at character 1: expected the version prefix \"v1.XXXX:\" (a schedule looks "
        "like v1.3fa2:0x3,1x2)";
    const char *unprefixed[] = {"",          "v1:0x1",      "v2.0000:0x1",
                                "v1.12:0x1", "v1.zzzz:0x1", "v1.0000;0x1"};
    for (size_t i = 0; i < ARRAY_SIZE(unprefixed); i++)
        assert_replay_error(m, unprefixed[i], prefix_error);
    const struct {
        const char *runs, *message;
    } cases[] = {
        {"", "the schedule is too short: it ends after step 0, the execution goes on"},
        {"64x1", "bad schedule at character 9: expected a thread number (0-63)"},
        {"-1x1", "bad schedule at character 9: expected a thread number (0-63)"},
        {"0y1", "bad schedule at character 10: expected 'x' after the thread number"},
        {"0x", "bad schedule at character 11: expected a step count of at least 1"},
        {"0x3,", "bad schedule at character 13: expected a thread number (0-63)"},
        {"0x3/s=", "bad schedule at character 15: expected a stack page number"},
        {"0x3/s=1,", "bad schedule at character 17: expected a stack page number"},
        {"0x3 ", "bad schedule at character 12: unexpected text after the schedule"},
        {"0x3;s=1", "bad schedule at character 12: unexpected text after the schedule"},
        {"0x3/t=1", "bad schedule at character 12: unexpected text after the schedule"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        char *schedule = make_schedule(m, cases[i].runs);
        assert_replay_error(m, schedule, cases[i].message);
        free(schedule);
    }
    ex_module_close(m);
}

static void test_replay_zero_steps(void **state) {
    (void)state;
    /* Regression (fixed): schedule.c reports a zero step count one character too far: for
     * "v1.CCCC:0x0" (11 characters) it says "at character 12", past the end, because parse_number()
     * has already moved past the 0 when the count is found to be zero. Every other error points at
     * the offending character. */
    ex_module *m = open_tutorial_scenario("balance_unlocked");
    char *schedule = make_schedule(m, "0x0");
    assert_replay_error(m, schedule,
                        "bad schedule at character 11: expected a step count of at least 1");
    free(schedule);
    ex_module_close(m);
}

static void test_replay_empty_schedule(void **state) {
    (void)state;
    /* Regression (fixed): an execution that ends before its first step (here a misuse caught before
     * any scheduling point: acquire(blocking=false, timeout=1) in MainThread) gets a witness with
     * no runs, "v1.CCCC:", which ex_schedule_format() writes but ex_schedule_parse() rejects: "bad
     * schedule at character 9: expected a thread number (0-63)". `explorer run test_misuse -p
     * kind=8` prints a replay command that fails. */
    ex_module *m = open_test_scenario("misuse");
    set_param(m, "kind", "8");
    ex_options o = test_options(EX_STRATEGY_DFS);
    char *schedule = make_schedule(m, "");
    ex_result *r = ex_replay(m, schedule, &o);
    assert_null(r->error);
    const expected want[] = {
        {"", EX_STATUS_MISUSE,
         "misuse: MainThread: ValueError: can't specify a timeout for a non-blocking call"}};
    assert_outcomes(r, want, 1);
    ex_result_free(r);
    free(schedule);
    ex_module_close(m);
}

/* A schedule carries the scenario and its parameter values: the same module with the
 * same values gives the same checksum, other values another, and a replay with other
 * values (or in another scenario) is refused. */
static void test_replay_checksum(void **state) {
    (void)state;
    ex_module *m = open_tutorial_scenario("balance_unlocked");
    set_param(m, "iterations", "1");
    char *one = schedule_prefix(m), *again = schedule_prefix(m);
    assert_string_equal(one, again);
    set_param(m, "iterations", "2");
    char *two = schedule_prefix(m);
    assert_string_not_equal(one, two);
    ex_module *other = open_tutorial_scenario("balance_locked");
    set_param(other, "iterations", "1");
    char *locked = schedule_prefix(other);
    assert_string_not_equal(one, locked);

    char schedule[64], message[256];
    snprintf(schedule, sizeof schedule, "%s0x2,1x6,0x1,2x6,0x5", one);
    snprintf(message, sizeof message,
             "this schedule was recorded for another scenario or other -p values (checksum "
             "%.4s; this scenario with these values has %.4s)",
             one + 3, two + 3);
    assert_replay_error(m, schedule, message); /* iterations=2 */
    snprintf(message, sizeof message,
             "this schedule was recorded for another scenario or other -p values (checksum "
             "%.4s; this scenario with these values has %.4s)",
             one + 3, locked + 3);
    assert_replay_error(other, schedule, message);
    free(one);
    free(again);
    free(two);
    free(locked);
    ex_module_close(other);
    ex_module_close(m);
}

/* balance_unlocked with one iteration, written by hand from the scheduling points:
 * MainThread starts both workers (2 steps), Thread-1 runs begin, read, write, read, write,
 * end (6), MainThread joins it (1), Thread-2 runs its 6, MainThread joins it, reads and
 * prints the balance, reads it for the check and exits (5): 20 steps. */
static void test_replay_by_hand(void **state) {
    (void)state;
    ex_module *m = open_tutorial_scenario("balance_unlocked");
    set_param(m, "iterations", "1");
    ex_options o = test_options(EX_STRATEGY_DFS);
    /* the same schedule with runs split: they merge */
    const char *runs[] = {"0x2,1x6,0x1,2x6,0x5", "0x1,0x1,1x3,1x3,0x1,2x6,0x5"};
    for (size_t i = 0; i < ARRAY_SIZE(runs); i++) {
        char *schedule = make_schedule(m, runs[i]);
        ex_result *r = ex_replay(m, schedule, &o);
        assert_null(r->error);
        assert_int_equal(r->executions, 1);
        const expected want[] = {{"0\n", EX_STATUS_OK, "ok"}};
        assert_outcomes(r, want, 1);
        assert_schedule(r->outcomes[0].schedule, "0x2,1x6,0x1,2x6,0x5");
        assert_int_equal(r->outcomes[0].steps, 20);
        assert_int_equal(r->outcomes[0].preemptions, 0);
        assert_false(r->complete); /* one execution proves nothing */
        assert_int_equal(r->strategy, EX_SEARCH_REPLAY);
        ex_result_free(r);
        free(schedule);
    }
    /* A lost withdrawal: Thread-2 reads 0 and writes 8; Thread-1 begins and reads 8;
     * Thread-2 reads 8, writes 0 and ends; Thread-1 writes 8 + 5, reads 13, writes 8 and
     * ends; MainThread joins both, reads and prints 8, and its check fails (19 steps, two
     * preemptions: Thread-2 after its first write, Thread-1 after its first read). */
    char *schedule = make_schedule(m, "0x2,2x3,1x2,2x3,1x4,0x5");
    ex_result *r = ex_replay(m, schedule, &o);
    assert_null(r->error);
    char *failed =
        check_text(SCENARIO_SOURCE_DIR, "balance_unlocked.c", "balance == 0", "MainThread");
    const expected want[] = {{"8\n", EX_STATUS_CHECK_FAILED, failed}};
    assert_outcomes(r, want, 1);
    assert_int_equal(r->outcomes[0].steps, 19);
    assert_int_equal(r->outcomes[0].preemptions, 2);
    free(failed);
    free(schedule);
    ex_result_free(r);
    ex_module_close(m);
}

static void test_replay_does_not_fit(void **state) {
    (void)state;
    ex_module *m = open_tutorial_scenario("balance_unlocked");
    set_param(m, "iterations", "1");
    const struct {
        const char *runs, *message;
    } cases[] = {
        {"0x1", "the schedule is too short: it ends after step 1, the execution goes on"},
        {"0x2,1x6,0x1,2x6,0x6",
         "the schedule is too long: it has 21 steps, the execution ended after 20"},
        {"0x3", "step 3: thread 0 cannot move there (it is blocked)"},
        {"1x1", "step 1: thread 1 cannot move there (no such thread or blocked)"},
        {"0x2,5x1", "step 3: thread 5 cannot move there (no such thread or blocked)"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        char *schedule = make_schedule(m, cases[i].runs);
        assert_replay_error(m, schedule, cases[i].message);
        free(schedule);
    }
    ex_module_close(m);
}

/* ---- the search's controls ------------------------------------------------------------------ */

static void test_stop_on_first(void **state) {
    (void)state;
    for (size_t s = 0; s < ARRAY_SIZE(strategies); s++) {
        ex_module *m = open_tutorial_scenario("balance_unlocked");
        set_param(m, "iterations", "1");
        ex_options o = test_options(strategies[s]);
        o.stop_on_first = true;
        ex_result *r = explore(m, &o);
        assert_int_equal(r->stopped_by, EX_STOP_FIRST_VIOLATION);
        assert_false(r->complete);
        assert_true(r->violated);
        assert_int_equal(r->violations, 1);
        const ex_outcome *last = &r->outcomes[r->outcome_count - 1];
        assert_int_equal(last->status, EX_STATUS_CHECK_FAILED);
        assert_int_equal(last->count, 1);
        for (size_t i = 0; i + 1 < r->outcome_count; i++)
            assert_int_equal(r->outcomes[i].status, EX_STATUS_OK);
        ex_result_free(r);
        ex_module_close(m);
    }
}

static void test_max_executions(void **state) {
    (void)state;
    ex_module *m = open_tutorial_scenario("balance_unlocked");
    set_param(m, "iterations", "1");
    ex_options o = test_options(EX_STRATEGY_DFS);
    o.max_executions = 5;
    ex_result *r = explore(m, &o);
    assert_int_equal(r->executions, 5);
    assert_int_equal(r->stopped_by, EX_STOP_EXECUTION_LIMIT);
    assert_false(r->complete);
    ex_result_free(r);
    ex_module_close(m);
}

/* The tutorial's 100000 iterations cannot be exhausted: the time limit stops the search,
 * which then proves nothing. */
static void test_time_limit(void **state) {
    (void)state;
    ex_module *m = open_tutorial_scenario("balance_locked");
    ex_options o = test_options(EX_STRATEGY_DPOR);
    o.time_limit = 0.2;
    ex_result *r = explore(m, &o);
    assert_int_equal(r->stopped_by, EX_STOP_TIME_LIMIT);
    assert_false(r->complete);
    assert_false(r->violated);
    ex_result_free(r);
    ex_module_close(m);
}

/* The same search twice finds the same outcomes, counts and witnesses, in the same order. */
static void test_deterministic(void **state) {
    (void)state;
    for (size_t s = 0; s < ARRAY_SIZE(strategies); s++) {
        ex_module *m = open_test_scenario("deadlock");
        ex_result *a = explore_with(m, strategies[s], "kind", "0");
        ex_result *b = explore_with(m, strategies[s], NULL, NULL);
        assert_int_equal(a->executions, b->executions);
        assert_int_equal(a->steps, b->steps);
        assert_int_equal(a->outcome_count, b->outcome_count);
        for (size_t i = 0; i < a->outcome_count; i++) {
            assert_string_equal(a->outcomes[i].output, b->outcomes[i].output);
            assert_string_equal(a->outcomes[i].status_text, b->outcomes[i].status_text);
            assert_int_equal(a->outcomes[i].count, b->outcomes[i].count);
            assert_string_equal(a->outcomes[i].schedule, b->outcomes[i].schedule);
        }
        ex_result_free(a);
        ex_result_free(b);
        ex_module_close(m);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_names),
        cmocka_unit_test(test_search_and_stop_names),
        cmocka_unit_test(test_options_default),
        cmocka_unit_test(test_module_open_errors),
        cmocka_unit_test(test_module_search_path),
        cmocka_unit_test(test_params),
        cmocka_unit_test(test_scenarios_each),
        cmocka_unit_test(test_wide_copy),
        cmocka_unit_test(test_text_format),
        cmocka_unit_test(test_event_access),
        cmocka_unit_test(test_fibers),
        cmocka_unit_test(test_interleave),
        cmocka_unit_test(test_atomics),
        cmocka_unit_test(test_deadlock_lock_order),
        cmocka_unit_test(test_daemon_abandoned_dfs),
        cmocka_unit_test(test_daemon_abandoned_dpor),
        cmocka_unit_test(test_rlock_reentrant),
        cmocka_unit_test(test_lock_timeout),
        cmocka_unit_test(test_lowlevel_thread),
        cmocka_unit_test(test_deadlock_messages),
        cmocka_unit_test(test_observe_dfs),
        cmocka_unit_test(test_observe_dpor),
        cmocka_unit_test(test_sleep_order),
        cmocka_unit_test(test_sleep_order_timing_agnostic),
        cmocka_unit_test(test_join_timeout),
        cmocka_unit_test(test_daemon_not_waited_for),
        cmocka_unit_test(test_misuse),
        cmocka_unit_test(test_thread_names),
        cmocka_unit_test(test_thread_args),
        cmocka_unit_test(test_thread_arg_typed_pointer),
        cmocka_unit_test(test_thread_local),
        cmocka_unit_test(test_state_reset),
        cmocka_unit_test(test_crash_isolated),
        cmocka_unit_test(test_crash_null_write),
        cmocka_unit_test(test_crash_kinds),
        cmocka_unit_test(test_stack_size_option),
        cmocka_unit_test(test_runaway),
        cmocka_unit_test(test_runaway_twice),
        cmocka_unit_test(test_step_limit),
        cmocka_unit_test(test_step_limit_stopped_by),
        cmocka_unit_test(test_stack_escape),
        cmocka_unit_test(test_replay_malformed),
        cmocka_unit_test(test_replay_zero_steps),
        cmocka_unit_test(test_replay_empty_schedule),
        cmocka_unit_test(test_replay_checksum),
        cmocka_unit_test(test_replay_by_hand),
        cmocka_unit_test(test_replay_does_not_fit),
        cmocka_unit_test(test_stop_on_first),
        cmocka_unit_test(test_max_executions),
        cmocka_unit_test(test_time_limit),
        cmocka_unit_test(test_deterministic),
    };
    if (getenv("TEST_FILTER")) /* e.g. TEST_FILTER='test_replay*' runs those only */
        cmocka_set_test_filter(getenv("TEST_FILTER"));
    return cmocka_run_group_tests(tests, NULL, NULL);
}
