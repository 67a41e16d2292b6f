/* Witnesses people can read: replay traces (thread, operation, variable, value, file:line),
 * the lost-update diagnosis of a replayed violation, data races over a whole search, and
 * their absence where the lock is taken. Lines are found by reading the scenario's source,
 * never copied from the explorer's output. */
#include "harness.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ex_options with_races(void) {
    ex_options o = test_options(EX_STRATEGY_DPOR);
    o.detect_races = true;
    return o;
}

/* balance_unlocked with one iteration: the witness of the outcome printing `output`,
 * replayed with its trace. */
static ex_result *replay_outcome(ex_module *m, const char *output) {
    ex_options o = test_options(EX_STRATEGY_DPOR);
    ex_result *r = explore(m, &o);
    const ex_outcome *want = find_outcome(r, output, EX_STATUS_CHECK_FAILED);
    assert_non_null(want);
    ex_result *rr = ex_replay(m, want->schedule, &o);
    assert_null(rr->error);
    ex_result_free(r);
    return rr;
}

static int line_of(const char *needle) {
    return source_line(SCENARIO_SOURCE_DIR, "balance_unlocked.c", needle);
}

/* Each step names its thread, operation, variable, value and line. */
static void test_trace_names_variables_values_lines(void **state) {
    (void)state;
    ex_module *m = open_tutorial_scenario("balance_unlocked");
    set_param(m, "iterations", "1");
    ex_result *rr = replay_outcome(m, "5\n");
    char add[64], first_start[64];
    snprintf(add, sizeof add, "balance_unlocked.c:%d", line_of("balance = balance + n;"));
    snprintf(first_start, sizeof first_start, "balance_unlocked.c:%d",
             line_of("ex_thread_start(t1);"));
    assert_true(rr->trace_count == rr->outcomes[0].steps);
    const ex_trace_step *s = rr->trace;
    assert_string_equal(s[0].thread_name, "MainThread");
    assert_int_equal(s[0].event.kind, EX_OP_START);
    assert_string_equal(s[0].object, "Thread-1");
    assert_string_equal(s[0].location, first_start);
    size_t reads = 0;
    for (size_t i = 0; i < rr->trace_count; i++) {
        if (s[i].event.kind != EX_OP_READ || strcmp(s[i].thread_name, "Thread-1") != 0)
            continue;
        if (reads++ == 0) { /* Thread-1's first read: balance is still 0, at the `+` line */
            assert_string_equal(s[i].object, "balance");
            assert_true(s[i].event.has_value);
            assert_int_equal(s[i].event.value, 0);
            assert_string_equal(s[i].location, add);
        }
    }
    assert_int_equal(reads, 2);
    ex_result_free(rr);
    ex_module_close(m);
}

/* The lost update behind an outcome, in words: who read what where, whose write came in
 * between, and whose update was lost -- values and lines checked against the trace. */
static void test_lost_update_diagnosis(void **state) {
    (void)state;
    ex_module *m = open_tutorial_scenario("balance_unlocked");
    set_param(m, "iterations", "1");
    ex_result *rr = replay_outcome(m, "5\n");
    assert_true(rr->diagnosis_count >= 1);
    size_t lost = 0;
    for (size_t i = 0; i < rr->diagnosis_count; i++) {
        const char *d = rr->diagnoses[i];
        if (strncmp(d, "lost update of balance: ", 24) != 0)
            continue;
        lost++;
        assert_non_null(strstr(d, " from its stale read at balance_unlocked.c:"));
        assert_true(strstr(d, "Thread-1") && strstr(d, "Thread-2"));
        assert_non_null(strstr(d, "'s update is lost"));
    }
    assert_true(lost >= 1);
    /* The first one, rebuilt from the trace: the read, the other thread's write, the write
     * from the stale read. */
    const ex_trace_step *t = rr->trace;
    size_t w = 0, r = 0, o = 0;
    bool found = false;
    for (w = 0; w < rr->trace_count && !found; w++) {
        if (t[w].event.kind != EX_OP_WRITE)
            continue;
        for (r = w; r-- > 0;) /* the writer's own last access of balance */
            if (t[r].event.thread == t[w].event.thread &&
                (t[r].event.kind == EX_OP_READ || t[r].event.kind == EX_OP_WRITE) &&
                !strcmp(t[r].object, "balance"))
                break;
        if (r >= w || t[r].event.kind != EX_OP_READ)
            continue;
        for (o = r + 1; o < w && !found; o++)
            found = t[o].event.kind == EX_OP_WRITE && t[o].event.thread != t[w].event.thread;
        o--;
    }
    assert_true(found);
    w--;
    char want[1024];
    snprintf(want, sizeof want,
             "lost update of balance: %s read balance = %lld at %s, %s then wrote balance = %lld "
             "at %s, %s wrote balance = %lld from its stale read at %s: %s's update is lost",
             t[r].thread_name, t[r].event.value, t[r].location, t[o].thread_name, t[o].event.value,
             t[o].location, t[w].thread_name, t[w].event.value, t[w].location, t[o].thread_name);
    bool listed = false;
    for (size_t i = 0; i < rr->diagnosis_count; i++)
        listed |= strcmp(rr->diagnoses[i], want) == 0;
    if (!listed)
        fail_msg("missing diagnosis: %s", want);
    ex_result_free(rr);
    ex_module_close(m);
}

/* Every race over the search is on balance, between Thread-1 and Thread-2, at the two
 * lines of change_it, each pair of locations once. */
static void test_races_unlocked(void **state) {
    (void)state;
    ex_module *m = open_tutorial_scenario("balance_unlocked");
    set_param(m, "iterations", "1");
    ex_options o = with_races();
    ex_result *r = explore(m, &o);
    char add[64], sub[64];
    snprintf(add, sizeof add, "balance_unlocked.c:%d", line_of("balance = balance + n;"));
    snprintf(sub, sizeof sub, "balance_unlocked.c:%d", line_of("balance = balance - n;"));
    assert_true(r->diagnosis_count >= 1);
    for (size_t i = 0; i < r->diagnosis_count; i++) {
        const char *d = r->diagnoses[i];
        assert_int_equal(strncmp(d, "data race on balance: ", 22), 0);
        assert_true(strstr(d, add) || strstr(d, sub));
        assert_true(strstr(d, "Thread-1") && strstr(d, "Thread-2"));
        assert_non_null(strstr(d, "are not ordered by any synchronisation"));
        for (size_t k = 0; k < i; k++)
            assert_string_not_equal(d, r->diagnoses[k]);
    }
    ex_result_free(r);
    ex_module_close(m);
}

/* With the lock: no race over the whole search, no lost update in any witness. */
static void test_locked_has_no_diagnosis(void **state) {
    (void)state;
    ex_module *m = open_tutorial_scenario("balance_locked");
    set_param(m, "iterations", "2");
    ex_options o = with_races();
    ex_result *r = explore(m, &o);
    assert_false(r->violated);
    assert_int_equal(r->diagnosis_count, 0);
    for (size_t i = 0; i < r->outcome_count; i++) {
        ex_result *rr = ex_replay(m, r->outcomes[i].schedule, &o);
        assert_null(rr->error);
        assert_int_equal(rr->diagnosis_count, 0);
        ex_result_free(rr);
    }
    ex_result_free(r);
    ex_module_close(m);
}

/* Two variables in one 8-byte block, one per thread: no race. */
static void test_neighbours_do_not_race(void **state) {
    (void)state;
    ex_module *m = open_test_scenario("adjacent");
    ex_options o = with_races();
    ex_result *r = explore(m, &o);
    assert_false(r->violated);
    assert_int_equal(r->diagnosis_count, 0);
    ex_result_free(r);
    ex_module_close(m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trace_names_variables_values_lines),
        cmocka_unit_test(test_lost_update_diagnosis),
        cmocka_unit_test(test_races_unlocked),
        cmocka_unit_test(test_locked_has_no_diagnosis),
        cmocka_unit_test(test_neighbours_do_not_race),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
