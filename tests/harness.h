/* What the cmocka tests share: opening scenario modules, exploring with assertions on the
 * way, comparing outcome sets exactly, replaying every outcome, and `model`, an independent
 * brute-force enumerator of small programs written as lists of steps.
 *
 * The model is the tests' own account of the scheduling points (docs/design.md): it knows
 * nothing of the explorer's code. It runs every schedule of a program: MainThread (thread 0)
 * runs from the start, thread i > 0 from its START, with BEGIN as its first step and END as
 * its last; a JOIN waits for its thread's END, an ACQUIRE for a free lock, EXIT for every
 * started non-daemon thread and ends the execution; no thread able to move is a deadlock.
 * Full enumeration (EX_STRATEGY_DFS) must run exactly the model's executions, with the
 * model's outcome counts; partial-order reduction must find the same outcomes. */
#ifndef EXPLORER_TESTS_HARNESS_H
#define EXPLORER_TESTS_HARNESS_H

#include <explorer/explorer.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- modules and searches ------------------------------------------------------------- */

/* tests/scenarios/NAME.c, built as test_NAME.so; asserts it opens */
ex_module *open_test_scenario(const char *name);
/* scenarios/NAME.c, the tutorial's */
ex_module *open_tutorial_scenario(const char *name);
void set_param(ex_module *m, const char *name, const char *value);

/* ex_options_default() with `strategy` and no time limit: results never depend on timing */
ex_options test_options(ex_strategy_kind strategy);
/* ex_explore, asserting the search ran (no error) */
ex_result *explore(ex_module *m, const ex_options *options);
/* explore with `strategy`, after setting param `name` to `value` when name is not NULL */
ex_result *explore_with(ex_module *m, ex_strategy_kind strategy, const char *name,
                        const char *value);

/* One expected outcome: output, status and the exact status text ("ok", or the status
 * with its details). */
typedef struct expected {
    const char *output;
    ex_status status;
    const char *status_text;
} expected;

/* The result's outcomes are exactly `want` (in any order; no duplicates, none missing),
 * and the counts add up to the executions. */
void assert_outcomes(const ex_result *r, const expected *want, size_t n);
/* The outcome with this output and status, or NULL */
const ex_outcome *find_outcome(const ex_result *r, const char *output, ex_status status);
/* Replays every outcome's witness schedule with `options` (NULL: test_options): each
 * reproduces its output, status, status text, steps and preemptions, in one execution
 * (an execution of no step has the witness "v1.CCCC:"). */
void assert_replays(ex_module *m, const ex_result *r, const ex_options *options);

/* Explores test scenario `name` (with param = value, if param is not NULL) with dfs and
 * with dpor, and asserts exactly the outcomes `want`, the verdict they imply, a complete
 * search (or, if one of them is a step limit, runaway or unsupported outcome, one stopped
 * by it), and that every outcome replays. assert_scenario_with: from `options` (its strategy
 * replaced), the replays too. */
void assert_scenario(const char *name, const char *param, const char *value, const expected *want,
                     size_t n);
void assert_scenario_with(const ex_options *options, const char *name, const char *param,
                          const char *value, const expected *want, size_t n);

/* Schedules read "v1.CCCC:RUNS[/s=PAGES]", CCCC a checksum of the scenario's name and
 * parameter values. assert_schedule: `schedule` is that with these RUNS (and any pages). */
void assert_schedule(const char *schedule, const char *runs);
/* "v1.CCCC:" for the module with its current parameters, as its witnesses carry it (from
 * a one-execution search). malloc'd. */
char *schedule_prefix(ex_module *m);
/* schedule_prefix(m) followed by `runs`. malloc'd. */
char *make_schedule(ex_module *m, const char *runs);

/* The number of the one line of `dir`/`file` that holds `needle` (asserts there is one). */
int source_line(const char *dir, const char *file, const char *needle);
/* "check failed: EXPR (FILE:LINE, in THREAD)" for the EX_CHECK(EXPR) in `dir`/`file`,
 * with the line found by reading the source. malloc'd. */
char *check_text(const char *dir, const char *file, const char *expr, const char *thread);
/* `template` with each {MARK} replaced by FILE:LINE, the line of `dir`/`file` that holds
 * the comment MARK. malloc'd. */
char *with_lines(const char *dir, const char *file, const char *template);

/* ---- the brute-force model ------------------------------------------------------------ */

typedef enum m_kind {
    M_BEGIN,     /* a started thread's first step */
    M_END,       /* its last step */
    M_START,     /* arg: the thread started */
    M_JOIN,      /* arg: the thread joined; waits for its END */
    M_ACQUIRE,   /* arg: the lock; waits until it is free */
    M_RELEASE,   /* arg: the lock */
    M_READ,      /* the thread's register = var[arg] */
    M_WRITE,     /* var[arg] = register + value */
    M_ADD,       /* var[arg] += value in one step (an atomic read-modify-write) */
    M_PRINT,     /* prints `text` */
    M_PRINT_REG, /* prints the register as "%d\n" */
    M_CHECK,     /* reads var[arg]: unless it equals `value`, the execution ends (check failed) */
    M_EXIT       /* MainThread's last step: waits for started non-daemon threads, then ends */
} m_kind;

typedef struct m_op {
    m_kind kind;
    int arg;
    int value;
    const char *text;
} m_op;

#define M_THREADS 4
#define M_OPS 40
#define M_VARS 4
#define M_LOCKS 4
#define M_OUTCOMES 64
#define M_OUTPUT 128

typedef struct m_thread {
    m_op op[M_OPS];
    int count;
    bool daemon;
} m_thread;

typedef struct m_program {
    m_thread thread[M_THREADS];
    int threads;
    int init[M_VARS];
} m_program;

typedef struct m_outcome {
    char output[M_OUTPUT];
    ex_status status; /* ok, check failed or deadlock */
    uint64_t count;
} m_outcome;

typedef struct m_result {
    m_outcome outcome[M_OUTCOMES];
    size_t count;
    uint64_t executions, steps, max_depth;
} m_result;

/* Appends a step to thread t (threads grow as they are named). */
void m_add(m_program *p, int t, m_kind kind, int arg, int value, const char *text);
/* Runs every schedule of p. */
void m_explore(const m_program *p, m_result *r);
/* Full enumeration ran exactly the model's executions and steps and reached each of the
 * model's outcomes (same output and status) as often, and no other. */
void assert_dfs_matches_model(const ex_result *r, const m_result *model);
/* The result's outcomes have exactly the model's outputs and statuses (counts aside). */
void assert_same_outcomes_as_model(const ex_result *r, const m_result *model);

/* ---- the tutorial's bank balance as a model program ----------------------------------- */

typedef enum balance_lock {
    LOCK_NONE,           /* balance_unlocked, balance_augmented */
    LOCK_EACH_ITERATION, /* balance_locked: acquire/release around each change */
    LOCK_WHOLE_LOOP      /* balance_coarse: one acquire/release around the loop */
} balance_lock;

/* scenarios/balance_*.c as steps: MainThread starts Thread-1 (n=5) and Thread-2 (n=8),
 * joins both, reads and prints the balance and reads it again for the check. Each worker
 * runs `iterations` times `balance = balance + n; balance = balance - n;` (read, write,
 * read, write), with the lock placed as `lock` says. */
void balance_program(m_program *p, int iterations, balance_lock lock);
/* Every outcome of scenarios/`file` prints a balance; 0 is ok, anything else fails the
 * check `balance == 0` with its exact text. */
void assert_balance_outcomes(const ex_result *r, const char *file);

#endif
