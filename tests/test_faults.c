/* Regression tests of ways a scenario once fooled or killed the explorer (issue 15): exit()
 * in scenario code, modules that end the process or are malformed at load, NULL objects
 * passed to the API, bad sleeps, output with NUL bytes, huge outputs. Each asserts the
 * exact outcome set or the exact message. */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The message of opening test scenario `name`, which must fail. */
static void assert_open_fails(const char *name, const char *message) {
    char path[512], err[1024], want[1024];
    snprintf(path, sizeof path, "%s/test_%s.so", TEST_SCENARIO_DIR, name);
    snprintf(want, sizeof want, message, path);
    assert_null(ex_module_open(path, err, sizeof err));
    assert_string_equal(err, want);
}

/* ---- exit() --------------------------------------------------------------------------- */

/* The outcomes of test_exit with `kind`: Thread-1 prints "t1" and calls `call`, whose
 * status text is `text`; MainThread's "main" comes before, after, or not at all. */
static void assert_exit_kind(const char *kind, ex_status status, const char *text) {
    const expected want[] = {
        {"t1\n", status, text}, {"main\nt1\n", status, text}, {"t1\nmain\n", status, text}};
    assert_scenario("exit", "kind", kind, want, 3);
}

/* Regression (fixed): exit(0) in a thread ended the explorer with status 0 and no output, a
 * "proof". Now it ends the execution: an ok ending, with the call, its line and thread. */
static void test_exit_zero_is_ok(void **state) {
    (void)state;
    char *text =
        with_lines(TEST_SCENARIO_SOURCE_DIR, "exit.c", "ok: exit(0) ({exit 0}, in Thread-1)");
    assert_exit_kind("0", EX_STATUS_OK, text);
    free(text);
}

/* exit() with another status says the program failed: a failed check. */
static void test_exit_nonzero_fails(void **state) {
    (void)state;
    char *text = with_lines(TEST_SCENARIO_SOURCE_DIR, "exit.c",
                            "check failed: exit(3) ({exit 3}, in Thread-1)");
    assert_exit_kind("1", EX_STATUS_CHECK_FAILED, text);
    free(text);
}

/* _Exit and quick_exit the same. */
static void test_exit_variants(void **state) {
    (void)state;
    char *text =
        with_lines(TEST_SCENARIO_SOURCE_DIR, "exit.c", "ok: _Exit(0) ({_Exit}, in Thread-1)");
    assert_exit_kind("2", EX_STATUS_OK, text);
    free(text);
    text = with_lines(TEST_SCENARIO_SOURCE_DIR, "exit.c",
                      "check failed: quick_exit(4) ({quick_exit}, in Thread-1)");
    assert_exit_kind("3", EX_STATUS_CHECK_FAILED, text);
    free(text);
}

/* Regression (fixed): a module whose constructor called exit(0) ended the explorer at load. */
static void test_constructor_exit_fails_to_load(void **state) {
    (void)state;
    assert_open_fails("ctor_exit", "cannot load scenario module %s: a constructor called exit(7) "
                                   "(a module must not end the process at load)");
}

/* Regression (fixed): a registration with the right ABI number and NULL fields crashed
 * `run` and `list`. */
static void test_null_fields_rejected(void **state) {
    (void)state;
    assert_open_fails("null_fields",
                      "%s is not a valid scenario module: its EX_SCENARIO has no name");
}

/* ---- bad arguments to the API ---------------------------------------------------------- */

/* Regression (fixed): NULL passed to ex_thread_join or ex_lock_release crashed inside the
 * explorer (a UBSan abort in the sanitized build); ex_sleep(NaN) and negative sleeps were
 * accepted. Each is now a misuse, before any step. */
static void test_bad_api_arguments(void **state) {
    (void)state;
    static const char *const texts[] = {
        "misuse: MainThread: ex_thread_join: NULL instead of an object",
        "misuse: MainThread: ex_lock_release: NULL instead of an object",
        "misuse: MainThread: ex_condition_wait: NULL instead of an object",
        "misuse: MainThread: ex_event_set: NULL instead of an object",
        "misuse: MainThread: ValueError: Invalid value NaN (not a number) for ex_sleep",
        "misuse: MainThread: ValueError: sleep length must be non-negative",
        "misuse: MainThread: OverflowError: sleep length is infinite"};
    for (int kind = 0; kind < 7; kind++) {
        char value[4];
        snprintf(value, sizeof value, "%d", kind);
        const expected want[] = {{"", EX_STATUS_MISUSE, texts[kind]}};
        assert_scenario("bad_args", "kind", value, want, 1);
    }
}

/* ---- output and texts ---------------------------------------------------------------- */

/* Regression (fixed): output was compared up to its first NUL byte, so outputs that differ
 * after one were "distinct" outcomes that all printed the same, or one outcome. */
static void test_output_with_nul(void **state) {
    (void)state;
    static const char b_first[] = "a\0b\na\0c\n", c_first[] = "a\0c\na\0b\n";
    for (int s = 0; s < 2; s++) {
        ex_module *m = open_test_scenario("nul_output");
        ex_result *r = explore_with(m, s ? EX_STRATEGY_DFS : EX_STRATEGY_DPOR, NULL, NULL);
        assert_int_equal(r->outcome_count, 2);
        bool seen[2] = {false, false};
        for (size_t i = 0; i < 2; i++) {
            const ex_outcome *o = &r->outcomes[i];
            assert_int_equal(o->output_length, sizeof b_first - 1);
            seen[0] |= memcmp(o->output, b_first, sizeof b_first) == 0;
            seen[1] |= memcmp(o->output, c_first, sizeof c_first) == 0;
        }
        assert_true(seen[0] && seen[1]);
        assert_replays(m, r, NULL);
        ex_result_free(r);
        ex_module_close(m);
    }
}

/* Regression (fixed): a crash text gave the faulting address, which moves from run to run
 * for most memory: a replay's message differed from the search's. Now the address is given
 * only near NULL, relative to the heap, or not at all. */
static void test_crash_text_has_no_moving_address(void **state) {
    (void)state;
    const expected far[] = {
        {"", EX_STATUS_CRASH,
         "crash: SIGSEGV in Thread-1: bad memory access outside the scenario's heap and stacks"}};
    assert_scenario("wild_write", "kind", "0", far, 1);
    const expected near_null[] = {
        {"", EX_STATUS_CRASH, "crash: SIGSEGV in Thread-1: bad memory access at 0x10"}};
    assert_scenario("wild_write", "kind", "1", near_null, 1);
}

/* Regression (fixed): a schedule's run counts wrapped at 2^32 when a run merged with the one
 * before: the last run of 0x2,1x3,0x2,0x4294967295 read as 1 step. */
static void test_schedule_counts_do_not_wrap(void **state) {
    (void)state;
    ex_module *m = open_test_scenario("nul_output");
    char *schedule = make_schedule(m, "0x2,1x3,0x2,0x4294967295");
    ex_options o = test_options(EX_STRATEGY_DFS);
    ex_result *r = ex_replay(m, schedule, &o);
    assert_non_null(r->error);
    assert_string_equal(r->error, "the schedule is too long: it has 4294967302 steps, the "
                                  "execution ended after 7");
    ex_result_free(r);
    free(schedule);
    ex_module_close(m);
}

/* ---- --min-preemptions -------------------------------------------------------------- */

/* Regression (fixed): a violation with 0 preemptions that dpor cut at 0 misses was found at
 * bound 1, and the exhaustive search of bound 0, which found it, was taken for one that
 * "did not finish": "1 preemption exposes a violation; fewer are NOT excluded". Now the
 * smallest bound that violates is the answer, with its witness. */
static void test_min_preemptions_exact(void **state) {
    (void)state;
    ex_module *m = open_test_scenario("min_preemptions");
    ex_options o = test_options(EX_STRATEGY_DPOR);
    ex_result *r = ex_explore_min_preemptions(m, &o, 6);
    assert_null(r->error);
    assert_int_equal(r->min_preemptions, 0);
    assert_true(r->fewer_excluded);
    assert_int_equal(r->exclusion_stopped_by, EX_STOP_NONE);
    char *text = check_text(TEST_SCENARIO_SOURCE_DIR, "min_preemptions.c", "x == 1", "Thread-2");
    const ex_outcome *v = find_outcome(r, "", EX_STATUS_CHECK_FAILED);
    assert_non_null(v);
    assert_string_equal(v->status_text, text);
    assert_int_equal(v->preemptions, 0);
    free(text);
    ex_result_free(r);
    ex_module_close(m);
}

/* ---- resources ------------------------------------------------------------------------ */

/* Regression (fixed): large outputs grew without bound (1 GB of memory and a 1 GB report in
 * 10 s). One execution keeps 1 MiB: the print past it ends the execution as unsupported. */
static void test_output_capped(void **state) {
    (void)state;
    enum { LINES = (1 << 20) / 64 };
    char *output = malloc((size_t)LINES * 64 + 1);
    for (int i = 0; i < LINES; i++)
        snprintf(output + (size_t)i * 64, 65, "%063d\n", 0);
    char *text = with_lines(TEST_SCENARIO_SOURCE_DIR, "big_output.c",
                            "unsupported: output past 1 MiB ({print}, in MainThread): one "
                            "execution keeps at most 1 MiB of output");
    const expected want[] = {{output, EX_STATUS_UNSUPPORTED, text}};
    assert_scenario("big_output", NULL, NULL, want, 1);
    free(text);
    free(output);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exit_zero_is_ok),
        cmocka_unit_test(test_exit_nonzero_fails),
        cmocka_unit_test(test_exit_variants),
        cmocka_unit_test(test_constructor_exit_fails_to_load),
        cmocka_unit_test(test_null_fields_rejected),
        cmocka_unit_test(test_bad_api_arguments),
        cmocka_unit_test(test_output_with_nul),
        cmocka_unit_test(test_crash_text_has_no_moving_address),
        cmocka_unit_test(test_schedule_counts_do_not_wrap),
        cmocka_unit_test(test_min_preemptions_exact),
        cmocka_unit_test(test_output_capped),
    };
    if (getenv("TEST_FILTER")) /* e.g. TEST_FILTER='test_exit*' runs those only */
        cmocka_set_test_filter(getenv("TEST_FILTER"));
    return cmocka_run_group_tests(tests, NULL, NULL);
}
