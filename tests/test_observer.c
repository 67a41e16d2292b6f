/* The observer's handle (ex_search): what it tells about the execution it shows -- its
 * threads, its status text, each step described as a replay's trace describes it, keys for
 * what steps touched that stay the same from one search to the next -- and stopping the
 * search from the observer. */
#include "harness.h"

#include "execution/runtime.h" /* sizeof(ex_runtime), to keep a second search's runtime elsewhere */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_STEPS 64

/* What the observer saw of the last execution it was shown. */
typedef struct seen {
    int calls, stop_at; /* stop_at: the call that stops the search (0: none) */
    int thread_count;
    char thread_names[8][48];
    char status_text[512];
    size_t count;
    ex_trace_step steps[MAX_STEPS];
    uint64_t keys[MAX_STEPS];
} seen;

static void watch(void *user, ex_search *search, const ex_event *events, size_t count,
                  ex_status status, const char *output, unsigned preemptions) {
    (void)status, (void)output, (void)preemptions;
    seen *s = user;
    s->thread_count = ex_search_thread_count(search);
    for (int t = 0; t < s->thread_count && t < 8; t++)
        snprintf(s->thread_names[t], sizeof s->thread_names[t], "%s",
                 ex_search_thread_name(search, t));
    snprintf(s->status_text, sizeof s->status_text, "%s", ex_search_status_text(search));
    assert_true(count <= MAX_STEPS);
    s->count = count;
    for (size_t i = 0; i < count; i++) {
        ex_search_describe(search, &events[i], &s->steps[i]);
        s->keys[i] = ex_search_object_key(search, &events[i]);
    }
    if (++s->calls == s->stop_at)
        ex_search_stop(search);
}

static ex_options watched(seen *s) {
    ex_options o = test_options(EX_STRATEGY_DFS);
    o.observer = watch;
    o.observer_user = s;
    return o;
}

/* Stopped by the observer, the search ends after the execution it was shown: the result
 * counts that execution (and its violation), is not complete and says why. */
static void test_observer_stops_search(void **state) {
    (void)state;
    ex_module *m = open_tutorial_scenario("balance_unlocked");
    set_param(m, "iterations", "1");
    seen s = {.stop_at = 3};
    ex_options o = watched(&s);
    ex_result *r = explore(m, &o);
    assert_int_equal(s.calls, 3);
    assert_int_equal(r->executions, 3);
    assert_false(r->complete);
    assert_false(r->finished);
    assert_int_equal(r->stopped_by, EX_STOP_OBSERVER);
    uint64_t violations = 0;
    for (size_t i = 0; i < r->outcome_count; i++)
        if (ex_status_is_violation(r->outcomes[i].status))
            violations += r->outcomes[i].count;
    assert_int_equal(r->violations, violations);
    ex_result_free(r);
    ex_module_close(m);
}

/* Every thread, a named one and one renamed before it started among them, by its name. */
static void test_observer_thread_names(void **state) {
    (void)state;
    ex_module *m = open_test_scenario("thread_names");
    seen s = {0};
    ex_options o = watched(&s);
    ex_result *r = explore(m, &o);
    assert_true(r->complete);
    assert_int_equal(s.thread_count, 4);
    const char *names[] = {"MainThread", "Thread-1", "Worker", "Renamed"};
    for (int t = 0; t < 4; t++)
        assert_string_equal(s.thread_names[t], names[t]);
    assert_string_equal(s.status_text, "ok");
    ex_result_free(r);
    ex_module_close(m);
}

/* The replayed execution of test_replay_by_hand's schedule (test_runtime.c), watched. */
static ex_result *replay_watched(ex_module *m, seen *s) {
    char *schedule = make_schedule(m, "0x2,2x3,1x2,2x3,1x4,0x5");
    ex_options o = watched(s);
    ex_result *r = ex_replay(m, schedule, &o);
    assert_null(r->error);
    assert_int_equal(s->calls, 1);
    free(schedule);
    return r;
}

/* The status text with its details, and each step described as the replay's trace
 * describes it: a read of `balance` by its name and its line. */
static void test_observer_describes_steps(void **state) {
    (void)state;
    ex_module *m = open_tutorial_scenario("balance_unlocked");
    set_param(m, "iterations", "1");
    seen s = {0};
    ex_result *r = replay_watched(m, &s);
    char *failed =
        check_text(SCENARIO_SOURCE_DIR, "balance_unlocked.c", "balance == 0", "MainThread");
    assert_string_equal(s.status_text, failed);
    assert_int_equal(s.count, r->trace_count);
    for (size_t i = 0; i < s.count; i++) {
        assert_memory_equal(&s.steps[i].event, &r->trace[i].event, sizeof(ex_event));
        assert_string_equal(s.steps[i].thread_name, r->trace[i].thread_name);
        assert_string_equal(s.steps[i].object, r->trace[i].object);
        assert_string_equal(s.steps[i].location, r->trace[i].location);
    }
    const ex_trace_step *read = &s.steps[3]; /* Thread-2's first read */
    char where[64];
    snprintf(where, sizeof where, "balance_unlocked.c:%d",
             source_line(SCENARIO_SOURCE_DIR, "balance_unlocked.c", "balance = balance + n;"));
    assert_int_equal(read->event.kind, EX_OP_READ);
    assert_string_equal(read->thread_name, "Thread-2");
    assert_string_equal(read->object, "balance");
    assert_string_equal(read->location, where);
    free(failed);
    ex_result_free(r);
    ex_module_close(m);
}

/* Takes heap blocks of a runtime's size until one covers `addr`, where a search's runtime
 * was: the next search's runtime must go elsewhere. (Under AddressSanitizer freed memory
 * waits in quarantine: it does anyway.) */
static size_t take_place_of(uintptr_t addr, void **blocks, size_t max) {
    for (size_t n = 0; n < max; n++) {
        blocks[n] = malloc(sizeof(ex_runtime));
        if ((uintptr_t)blocks[n] <= addr && addr < (uintptr_t)blocks[n] + sizeof(ex_runtime))
            return n + 1;
    }
    return max;
}

/* Keys of what steps touched: the same in two searches, although the second one's runtime
 * -- its threads, stdout -- is elsewhere; one per object: the two workers' starts differ,
 * and a worker's read and write of `balance` share one. */
static void test_observer_object_keys(void **state) {
    (void)state;
    ex_module *m = open_tutorial_scenario("balance_unlocked");
    set_param(m, "iterations", "1");
    seen first = {0}, second = {0};
    void *blocks[64];
    ex_result *r = replay_watched(m, &first);
    assert_int_equal(first.steps[0].event.kind, EX_OP_START); /* of a thread in the runtime */
    size_t taken = take_place_of(first.steps[0].event.object, blocks, 64);
    ex_result *again = replay_watched(m, &second);
    assert_int_not_equal(first.steps[0].event.object, second.steps[0].event.object);
    assert_int_equal(first.count, second.count);
    assert_memory_equal(first.keys, second.keys, first.count * sizeof *first.keys);
    assert_int_equal(first.steps[1].event.kind, EX_OP_START);
    assert_int_not_equal(first.keys[0], first.keys[1]);
    assert_int_equal(first.steps[3].event.kind, EX_OP_READ);
    assert_int_equal(first.steps[4].event.kind, EX_OP_WRITE);
    assert_int_equal(first.keys[3], first.keys[4]);
    assert_int_not_equal(first.keys[3], first.keys[0]);
    while (taken)
        free(blocks[--taken]);
    ex_result_free(again);
    ex_result_free(r);
    ex_module_close(m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_observer_stops_search),
        cmocka_unit_test(test_observer_thread_names),
        cmocka_unit_test(test_observer_describes_steps),
        cmocka_unit_test(test_observer_object_keys),
    };
    if (getenv("TEST_FILTER")) /* e.g. TEST_FILTER='test_observer_stops*' runs that only */
        cmocka_set_test_filter(getenv("TEST_FILTER"));
    return cmocka_run_group_tests(tests, NULL, NULL);
}
