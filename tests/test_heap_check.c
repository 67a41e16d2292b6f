/* The scenario heap's memory checking (tests/scenarios/heap.c): use after free, double and
 * invalid frees, overflows and underflows end the execution with a `crash` outcome whose
 * text names the kind, the access and the block's allocation and free sites; requests that
 * cannot be met return NULL; a clean program still holds; and the race where one thread
 * frees what another reads is found in exactly the schedules where it happens. Each case is
 * explored with dfs and dpor, with and without checkpoints, and statefully, and every
 * outcome replays to the same text. */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>

/* Case `kind` of test_heap has exactly the outcomes `want`, whose texts are templates of
 * with_lines() ({MARK}: heap.c's line of the comment MARK). */
static void assert_heap_case(const char *kind, const expected *templates, size_t n) {
    expected want[4];
    char *texts[4];
    assert_true(n <= 4);
    for (size_t i = 0; i < n; i++) {
        texts[i] = with_lines(TEST_SCENARIO_SOURCE_DIR, "heap.c", templates[i].status_text);
        want[i] = templates[i];
        want[i].status_text = texts[i];
    }
    assert_scenario("heap", "kind", kind, want, n);
    ex_options o = test_options(EX_STRATEGY_DFS);
    o.no_checkpoints = true;
    assert_scenario_with(&o, "heap", "kind", kind, want, n);
    o = test_options(EX_STRATEGY_DPOR); /* the stateful search hashes the shadow too */
    o.stateful = true;
    ex_module *m = open_test_scenario("heap");
    set_param(m, "kind", kind);
    ex_result *r = explore(m, &o);
    assert_true(r->complete);
    assert_outcomes(r, want, n);
    ex_result_free(r);
    ex_module_close(m);
    for (size_t i = 0; i < n; i++)
        free(texts[i]);
}

static void assert_heap_crash(const char *kind, const char *template) {
    const expected want[] = {{"", EX_STATUS_CRASH, template}};
    assert_heap_case(kind, want, 1);
}

static void test_use_after_free(void **state) {
    (void)state;
    assert_heap_crash("0", "crash: heap-use-after-free: MainThread reads 4 bytes at {uaf-read}, "
                           "0 bytes inside the 16-byte block allocated at {uaf-alloc} by "
                           "MainThread and freed at {uaf-free} by MainThread");
}

static void test_double_free(void **state) {
    (void)state;
    assert_heap_crash("1", "crash: double-free: MainThread frees at {df-again} the 16-byte block "
                           "allocated at {df-alloc} by MainThread and already freed at "
                           "{df-free} by MainThread");
}

static void test_realloc_freed(void **state) {
    (void)state;
    assert_heap_crash("10", "crash: double-free: MainThread reallocs at {rf-realloc} the 8-byte "
                            "block allocated at {rf-alloc} by MainThread and already freed at "
                            "{rf-free} by MainThread");
}

static void test_invalid_free_middle(void **state) {
    (void)state;
    assert_heap_crash("2", "crash: invalid-free: MainThread frees at {mid-free} a pointer 8 bytes "
                           "inside the 16-byte block allocated at {mid-alloc} by MainThread");
}

static void test_invalid_free_stack(void **state) {
    (void)state;
    assert_heap_crash("3", "crash: invalid-free: MainThread frees at {stack-free} a pointer into "
                           "the stack of MainThread");
}

static void test_read_past_end(void **state) {
    (void)state;
    assert_heap_crash("4", "crash: heap-buffer-overflow: MainThread reads 1 byte at {past-read}, "
                           "0 bytes past the end of the 10-byte block allocated at {past-alloc} "
                           "by MainThread");
}

/* The write lands in the next block's header: it is still this block's overflow. */
static void test_write_past_end(void **state) {
    (void)state;
    assert_heap_crash("5", "crash: heap-buffer-overflow: MainThread writes 1 byte at "
                           "{write-past}, 0 bytes past the end of the 16-byte block allocated "
                           "at {write-alloc} by MainThread");
}

static void test_read_before(void **state) {
    (void)state;
    assert_heap_crash("6", "crash: heap-buffer-overflow: MainThread reads 1 byte at "
                           "{before-read}, 1 byte before the 10-byte block allocated at "
                           "{before-alloc} by MainThread");
}

/* malloc(SIZE_MAX), malloc(SIZE_MAX - 8), more than the arena, calloc(1, SIZE_MAX), calloc
 * whose n * size overflows, realloc(p, SIZE_MAX): each NULL, and p is still p. */
static void test_impossible_requests(void **state) {
    (void)state;
    const expected want[] = {{"111111 xy\n", EX_STATUS_OK, "ok"}};
    assert_heap_case("7", want, 1);
}

static void test_clean_holds(void **state) {
    (void)state;
    const expected want[] = {{"11483 heap\n", EX_STATUS_OK, "ok"}};
    assert_heap_case("8", want, 1);
}

/* Thread-1 reads the block after MainThread frees it only in some schedules. */
static void test_racy_free(void **state) {
    (void)state;
    const expected want[] = {
        {"x=7\n", EX_STATUS_OK, "ok"},
        {"", EX_STATUS_CRASH,
         "crash: heap-use-after-free: Thread-1 reads 4 bytes at {race-read}, 4 bytes inside "
         "the 8-byte block allocated at {race-alloc} by MainThread and freed at {race-free} by "
         "MainThread"}};
    assert_heap_case("9", want, 2);
    /* dfs: of the 21 schedules, the 6 where the read comes after the free crash; dpor: one
     * of each */
    const struct {
        ex_strategy_kind strategy;
        uint64_t executions, crashed;
    } counts[] = {{EX_STRATEGY_DFS, 21, 6}, {EX_STRATEGY_DPOR, 2, 1}};
    for (size_t i = 0; i < 2; i++) {
        ex_module *m = open_test_scenario("heap");
        ex_result *r = explore_with(m, counts[i].strategy, "kind", "9");
        assert_int_equal(r->executions, counts[i].executions);
        assert_int_equal(find_outcome(r, "", EX_STATUS_CRASH)->count, counts[i].crashed);
        ex_result_free(r);
        ex_module_close(m);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_use_after_free),      cmocka_unit_test(test_double_free),
        cmocka_unit_test(test_realloc_freed),       cmocka_unit_test(test_invalid_free_middle),
        cmocka_unit_test(test_invalid_free_stack),  cmocka_unit_test(test_read_past_end),
        cmocka_unit_test(test_write_past_end),      cmocka_unit_test(test_read_before),
        cmocka_unit_test(test_impossible_requests), cmocka_unit_test(test_clean_holds),
        cmocka_unit_test(test_racy_free),
    };
    if (getenv("TEST_FILTER")) /* e.g. TEST_FILTER='test_double*' runs those only */
        cmocka_set_test_filter(getenv("TEST_FILTER"));
    return cmocka_run_group_tests(tests, NULL, NULL);
}
