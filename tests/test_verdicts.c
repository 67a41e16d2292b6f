/* Regression tests of wrong verdicts that ordinary C in a scenario once caused: names the
 * scenario shares with libraries of the explorer's process, assert() compiled out, a stack
 * frame larger than the guard page, and OS threads the explorer does not model. Each
 * scenario is explored with dfs and dpor, with and without checkpoints, and every outcome
 * set is asserted exactly. */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>

/* assert_scenario, and again with every execution replayed from the start */
static void assert_both_ways(const char *name, const char *param, const char *value,
                             const expected *want, size_t n) {
    assert_scenario(name, param, value, want, n);
    ex_options o = test_options(EX_STRATEGY_DFS);
    o.no_checkpoints = true;
    assert_scenario_with(&o, name, param, value, want, n);
}

/* ---- symbol binding ------------------------------------------------------------------- */

/* Regression (fixed): the scenario's `int post` was libgvc's `post` (the module's references
 * bound to the first definition in the process): a complete search said VIOLATED with
 * post=6145 and more, and never reset it. */
static void test_symbol_global(void **state) {
    (void)state;
    char *lost = check_text(TEST_SCENARIO_SOURCE_DIR, "symbols.c", "post == 2", "MainThread");
    const expected want[] = {{"post=2\n", EX_STATUS_OK, "ok"},
                             {"post=1\n", EX_STATUS_CHECK_FAILED, lost}};
    assert_both_ways("symbols", "kind", "0", want, 2);
    free(lost);
}

/* Regression (fixed): the scenario's function `error` was libc's error(3), which exited the
 * explorer. */
static void test_symbol_function(void **state) {
    (void)state;
    char *lost = check_text(TEST_SCENARIO_SOURCE_DIR, "symbols.c", "errors == 3", "MainThread");
    const expected want[] = {{"errors=3\n", EX_STATUS_OK, "ok"},
                             {"errors=1\n", EX_STATUS_CHECK_FAILED, lost},
                             {"errors=2\n", EX_STATUS_CHECK_FAILED, lost}};
    assert_both_ways("symbols", "kind", "1", want, 3);
    free(lost);
}

/* Regression (fixed): the scenario's function `enqueue` was libgvc's, which crashed. */
static void test_symbol_function_crash(void **state) {
    (void)state;
    char *lost = check_text(TEST_SCENARIO_SOURCE_DIR, "symbols.c", "queued == 2", "MainThread");
    const expected want[] = {{"queued=2: 1 2\n", EX_STATUS_OK, "ok"},
                             {"queued=1: 1 2\n", EX_STATUS_CHECK_FAILED, lost}};
    assert_both_ways("symbols", "kind", "2", want, 2);
    free(lost);
}

/* ---- assert() ------------------------------------------------------------------------- */

/* Regression (fixed): the release build compiled scenarios with -DNDEBUG, so this assert was
 * not there and a complete search said HOLDS; where an assert did fail, it was a SIGABRT
 * crash with its text on stderr only. */
static void test_assert_is_a_check(void **state) {
    (void)state;
    int line = source_line(TEST_SCENARIO_SOURCE_DIR, "assert.c", "assert(counter == 2);");
    char *lost = NULL;
    assert_true(asprintf(&lost, "check failed: counter == 2 (assert.c:%d, in MainThread)", line) >
                0);
    const expected want[] = {{"2\n", EX_STATUS_OK, "ok"}, {"1\n", EX_STATUS_CHECK_FAILED, lost}};
    assert_both_ways("assert", NULL, NULL, want, 2);
    free(lost);
}

/* ---- a stack frame larger than the guard page ---------------------------------------- */

/* Regression (fixed): a 300 KiB frame in a 256 KiB stack jumped over the 4 KiB guard page:
 * its writes landed in another thread's stack and the verdict was HOLDS, or, with
 * checkpoints, the checkpoint code read through the guard page. */
static void test_big_frame_in_thread(void **state) {
    (void)state;
    const expected want[] = {
        {"", EX_STATUS_CRASH,
         "crash: stack overflow in Thread-1 (its stack is 256 KiB; see --stack-size)"}};
    assert_both_ways("big_frame", "kind", "0", want, 1);
}

/* The same in MainThread, whose stack is the lowest: the crash is its own. */
static void test_big_frame_in_main(void **state) {
    (void)state;
    const expected want[] = {
        {"", EX_STATUS_CRASH,
         "crash: stack overflow in MainThread (its stack is 256 KiB; see --stack-size)"}};
    assert_both_ways("big_frame", "kind", "1", want, 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_symbol_global),         cmocka_unit_test(test_symbol_function),
        cmocka_unit_test(test_symbol_function_crash), cmocka_unit_test(test_assert_is_a_check),
        cmocka_unit_test(test_big_frame_in_thread),   cmocka_unit_test(test_big_frame_in_main),
    };
    if (getenv("TEST_FILTER")) /* e.g. TEST_FILTER='test_symbol*' runs those only */
        cmocka_set_test_filter(getenv("TEST_FILTER"));
    return cmocka_run_group_tests(tests, NULL, NULL);
}
