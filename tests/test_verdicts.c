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

/* ---- OS threads the explorer does not model ------------------------------------------- */

/* Regression (fixed): the pthreads' accesses reached the hooks from their own OS threads and
 * were counted as MainThread's: HOLDS (1 execution) with --no-checkpoints and in the
 * sanitized build, a crash in the checkpoint code otherwise. */
static void test_pthread_create_unsupported(void **state) {
    (void)state;
    char *text = with_lines(TEST_SCENARIO_SOURCE_DIR, "pthread_counter.c",
                            "unsupported: pthread_create ({first}, in MainThread): threads of the "
                            "C library are not modelled yet (use ex_thread_new)");
    const expected want[] = {{"", EX_STATUS_UNSUPPORTED, text}};
    assert_both_ways("pthread_counter", NULL, NULL, want, 1);
    free(text);
}

/* The other calls the explorer does not model yet, made by a thread of its own. */
static void test_other_calls_unsupported(void **state) {
    (void)state;
    const char *const cases[][2] = {
        {"0", "unsupported: thrd_create ({thrd_create}, in Thread-1): threads of the C library "
              "are not modelled yet (use ex_thread_new)"},
        {"1", "unsupported: fork ({fork}, in Thread-1): processes are not modelled"},
        {"2", "unsupported: pthread_cancel ({pthread_cancel}, in Thread-1): thread cancellation "
              "is not modelled"},
        {"3", "unsupported: pthread_kill ({pthread_kill}, in Thread-1): signals to threads are "
              "not modelled"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = with_lines(TEST_SCENARIO_SOURCE_DIR, "unsupported.c", cases[i][1]);
        const expected want[] = {{"", EX_STATUS_UNSUPPORTED, text}};
        assert_both_ways("unsupported", "kind", cases[i][0], want, 1);
        free(text);
    }
}

/* An OS thread started behind the scenario's back (as a library would) reaches a hook. */
static void test_foreign_thread_unsupported(void **state) {
    (void)state;
    char *text = with_lines(TEST_SCENARIO_SOURCE_DIR, "foreign_thread.c",
                            "unsupported: an OS thread the explorer did not start reached scenario "
                            "code at {the foreign access}: threads of the C library are not "
                            "modelled yet");
    const expected want[] = {{"1\n", EX_STATUS_UNSUPPORTED, text}};
    assert_both_ways("foreign_thread", NULL, NULL, want, 1);
    free(text);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_symbol_global),
        cmocka_unit_test(test_symbol_function),
        cmocka_unit_test(test_symbol_function_crash),
        cmocka_unit_test(test_assert_is_a_check),
        cmocka_unit_test(test_big_frame_in_thread),
        cmocka_unit_test(test_big_frame_in_main),
        cmocka_unit_test(test_pthread_create_unsupported),
        cmocka_unit_test(test_other_calls_unsupported),
        cmocka_unit_test(test_foreign_thread_unsupported),
    };
    if (getenv("TEST_FILTER")) /* e.g. TEST_FILTER='test_symbol*' runs those only */
        cmocka_set_test_filter(getenv("TEST_FILTER"));
    return cmocka_run_group_tests(tests, NULL, NULL);
}
