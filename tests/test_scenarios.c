/* Regression tests of the tutorial's scenarios (scenarios/ folder).
 *
 * loop_thread must print the tutorial's output line for line, in one execution.
 * balance_unlocked and balance_locked are checked against the brute-force model of
 * harness.h: the workers' reads and writes of `balance`, each thread with its own register,
 * under every schedule. Full enumeration must run exactly the model's executions and reach
 * each final balance as often as the model; partial-order reduction must find the same
 * balances. */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- loop_thread --------------------------------------------------------------------- */

static const char loop_thread_output[] = "thread MainThread is running...\n"
                                         "thread LoopThread is running...\n"
                                         "thread LoopThread >>> 1\n"
                                         "thread LoopThread >>> 2\n"
                                         "thread LoopThread >>> 3\n"
                                         "thread LoopThread >>> 4\n"
                                         "thread LoopThread >>> 5\n"
                                         "thread LoopThread ended.\n"
                                         "thread MainThread ended.\n";

static void loop_thread(ex_strategy_kind strategy) {
    ex_module *m = open_tutorial_scenario("loop_thread");
    assert_string_equal(ex_module_name(m), "loop_thread");
    assert_int_equal(ex_module_param_count(m), 0);
    ex_result *r = explore_with(m, strategy, NULL, NULL);
    assert_true(r->complete);
    assert_false(r->violated);
    assert_int_equal(r->stopped_by, EX_STOP_NONE);
    assert_int_equal(r->executions, 1);
    expected want[] = {{loop_thread_output, EX_STATUS_OK, "ok"}};
    assert_outcomes(r, want, 1);
    /* MainThread: print, start; LoopThread: begin, 7 prints, 5 sleeps, end; MainThread:
     * join, print, exit. Nobody is ever preempted: LoopThread runs while MainThread waits
     * in join, and its sleeps wake with nobody else able to move. */
    const ex_outcome *o = &r->outcomes[0];
    assert_schedule(o->schedule, "0x2,1x14,0x3");
    assert_int_equal(o->steps, 19);
    assert_int_equal(o->preemptions, 0);
    assert_replays(m, r, NULL);
    ex_result_free(r);
    ex_module_close(m);
}

static void test_loop_thread_dfs(void **state) {
    (void)state;
    loop_thread(EX_STRATEGY_DFS);
}

static void test_loop_thread_dpor(void **state) {
    (void)state;
    loop_thread(EX_STRATEGY_DPOR);
}

/* ---- the bank balance ------------------------------------------------------------------ */

/* The final balances the model reaches, sorted. */
static size_t model_balances(const m_result *model, int *balances) {
    size_t n = 0;
    for (size_t i = 0; i < model->count; i++) {
        int b = atoi(model->outcome[i].output);
        size_t j = n++;
        for (; j > 0 && balances[j - 1] > b; j--)
            balances[j] = balances[j - 1];
        balances[j] = b;
    }
    return n;
}

static void balance_unlocked(int iterations) {
    m_program p;
    balance_program(&p, iterations, LOCK_NONE);
    m_result *model = malloc(sizeof *model);
    m_explore(&p, model);

    char value[16];
    snprintf(value, sizeof value, "%d", iterations);
    ex_module *m = open_tutorial_scenario("balance_unlocked");
    ex_result *dfs = explore_with(m, EX_STRATEGY_DFS, "iterations", value);
    assert_dfs_matches_model(dfs, model);
    assert_true(dfs->violated);
    assert_balance_outcomes(dfs, "balance_unlocked.c");

    ex_result *dpor = explore_with(m, EX_STRATEGY_DPOR, NULL, NULL);
    assert_true(dpor->complete);
    assert_true(dpor->violated);
    assert_same_outcomes_as_model(dpor, model);
    assert_balance_outcomes(dpor, "balance_unlocked.c");
    assert_true(dpor->executions <= dfs->executions);
    /* every execution after the first starts from a checkpoint (one is taken at step 0)
     * -- except under AddressSanitizer, where they are off; dfs always replays */
#if defined(__SANITIZE_ADDRESS__)
    assert_int_equal(dpor->resumed, 0);
#else
    assert_int_equal(dpor->resumed, dpor->executions - 1);
#endif
    assert_int_equal(dfs->resumed, 0);
    ex_options o = test_options(EX_STRATEGY_DPOR); /* without: the same search, replayed */
    o.no_checkpoints = true;
    ex_result *replayed = explore(m, &o);
    assert_int_equal(replayed->resumed, 0);
    assert_int_equal(replayed->executions, dpor->executions);
    assert_int_equal(replayed->steps, dpor->steps);
    assert_same_outcomes_as_model(replayed, model);
    ex_result_free(replayed);
    if (iterations == 1)
        assert_replays(m, dpor, NULL);
    ex_result_free(dfs);
    ex_result_free(dpor);
    ex_module_close(m);
    free(model);
}

static void test_balance_unlocked_1(void **state) {
    (void)state;
    balance_unlocked(1);
}

static void test_balance_unlocked_2(void **state) {
    (void)state;
    balance_unlocked(2);
}

/* The model on its own: with one iteration, the lost updates are exactly the balances a
 * hand count gives (each worker's write of its read + n or read - n can be overwritten). */
static void test_balance_model_by_hand(void **state) {
    (void)state;
    m_program p;
    balance_program(&p, 1, LOCK_NONE);
    m_result model;
    m_explore(&p, &model);
    int balances[M_OUTCOMES];
    const int want[] = {-8, -5, -3, 0, 3, 5, 8};
    assert_int_equal(model_balances(&model, balances), 7);
    assert_memory_equal(balances, want, sizeof want);
    balance_program(&p, 1, LOCK_EACH_ITERATION);
    m_explore(&p, &model);
    assert_int_equal(model.count, 1);
    assert_string_equal(model.outcome[0].output, "0\n");
}

static void balance_locked(int iterations) {
    m_program p;
    balance_program(&p, iterations, LOCK_EACH_ITERATION);
    m_result model;
    m_explore(&p, &model);

    char value[16];
    snprintf(value, sizeof value, "%d", iterations);
    ex_module *m = open_tutorial_scenario("balance_locked");
    expected want[] = {{"0\n", EX_STATUS_OK, "ok"}};

    ex_result *dfs = explore_with(m, EX_STRATEGY_DFS, "iterations", value);
    assert_dfs_matches_model(dfs, &model);
    assert_outcomes(dfs, want, 1);
    assert_false(dfs->violated);
    assert_int_equal(dfs->violations, 0);

    ex_result *dpor = explore_with(m, EX_STRATEGY_DPOR, NULL, NULL);
    assert_true(dpor->complete);
    assert_false(dpor->violated);
    assert_int_equal(dpor->stopped_by, EX_STOP_NONE);
    assert_outcomes(dpor, want, 1);
    assert_true(dpor->executions <= dfs->executions);
    assert_replays(m, dpor, NULL);
    ex_result_free(dfs);
    ex_result_free(dpor);
    ex_module_close(m);
}

static void test_balance_locked_1(void **state) {
    (void)state;
    balance_locked(1);
}

static void test_balance_locked_2(void **state) {
    (void)state;
    balance_locked(2);
}

/* The tutorial's 100000 iterations are the default; -p changes only this module. */
static void test_balance_params(void **state) {
    (void)state;
    ex_module *m = open_tutorial_scenario("balance_unlocked");
    const char *help;
    long def, value;
    assert_int_equal(ex_module_param_count(m), 1);
    assert_string_equal(ex_module_param(m, 0, &help, &def, &value), "iterations");
    assert_string_equal(help, "loop iterations per thread (the tutorial's 100000)");
    assert_int_equal(def, 100000);
    assert_int_equal(value, 100000);
    set_param(m, "iterations", "3");
    assert_string_equal(ex_module_param(m, 0, NULL, &def, &value), "iterations");
    assert_int_equal(def, 100000);
    assert_int_equal(value, 3);
    ex_module_close(m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loop_thread_dfs),       cmocka_unit_test(test_loop_thread_dpor),
        cmocka_unit_test(test_balance_model_by_hand), cmocka_unit_test(test_balance_unlocked_1),
        cmocka_unit_test(test_balance_unlocked_2),    cmocka_unit_test(test_balance_locked_1),
        cmocka_unit_test(test_balance_locked_2),      cmocka_unit_test(test_balance_params),
    };
    if (getenv("TEST_FILTER")) /* e.g. TEST_FILTER='test_replay*' runs those only */
        cmocka_set_test_filter(getenv("TEST_FILTER"));
    return cmocka_run_group_tests(tests, NULL, NULL);
}
