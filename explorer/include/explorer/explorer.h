/* Embedding the explorer: load a scenario module, explore its interleavings, read the
 * outcomes. The `explorer` command and the cmocka tests are both written against this.
 *
 *     char err[256];
 *     ex_module *m = ex_module_open("balance_unlocked", err, sizeof err);
 *     ex_module_set_param(m, "iterations", "1", err, sizeof err);
 *     ex_options opt = ex_options_default();
 *     ex_result *r = ex_explore(m, &opt);
 *     for (size_t i = 0; i < r->outcome_count; i++)
 *         printf("%s %s x%llu\n", r->outcomes[i].status, r->outcomes[i].output, ...);
 *     ex_result_free(r);
 *     ex_module_close(m);
 */
#ifndef EXPLORER_EXPLORER_H
#define EXPLORER_EXPLORER_H

#include "explorer/export.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ex_module ex_module;

/* Scenario modules are looked up by name in EXPLORER_SCENARIO_PATH (colon-separated
 * folders), then in the folder the explorer was built or installed with. A name holding a
 * '/' is a path to a module file. NULL on failure, with the reason in `err`. */
EX_API ex_module *ex_module_open(const char *name_or_path, char *err, size_t errlen);
EX_API void ex_module_close(ex_module *m);
EX_API const char *ex_module_name(const ex_module *m);
EX_API const char *ex_module_summary(const ex_module *m);
EX_API const char *ex_module_path(const ex_module *m);

/* Parameters: NAME=VALUE with VALUE a decimal integer. False (and `err`) on an unknown name
 * or a bad value. */
EX_API bool ex_module_set_param(ex_module *m, const char *name, const char *value, char *err,
                                size_t errlen);
EX_API size_t ex_module_param_count(const ex_module *m);
/* i-th parameter: name, help, default and current value */
EX_API const char *ex_module_param(const ex_module *m, size_t i, const char **help,
                                   long *default_value, long *value);

/* Calls `fn` for each scenario module found on the search path, sorted by name, then for
 * each .so file there that did not load (its `name` NULL, `summary` the reason, which
 * names the file). Returns the number of modules that loaded. */
typedef void (*ex_scenario_visitor)(const char *name, const char *summary, const char *path,
                                    void *user);
EX_API size_t ex_scenarios_each(ex_scenario_visitor fn, void *user);

typedef enum ex_status {
    EX_STATUS_OK,           /* the main thread returned and every non-daemon thread ended */
    EX_STATUS_CHECK_FAILED, /* EX_CHECK failed */
    EX_STATUS_DEADLOCK,     /* no thread can move, some have not ended */
    EX_STATUS_MISUSE,       /* the threading API was misused */
    EX_STATUS_CRASH,        /* a signal: bad memory access, stack overflow, abort, ... */
    EX_STATUS_STEP_LIMIT,   /* ran past --max-steps: neither a violation nor a proof */
    EX_STATUS_RUNAWAY,      /* a thread ran on without any visible operation: same */
    EX_STATUS_UNSUPPORTED,  /* what the explorer does not model (pthread_create, fork, an OS
                               thread it did not start reaching scenario code): same */
    EX_STATUS_ABANDONED,    /* cut by the time limit or a search restart: not counted */
    EX_STATUS_COUNT
} ex_status;

/* "ok", "check failed", "deadlock", "misuse", "crash", "step limit", "runaway",
 * "unsupported", "abandoned" */
EX_API const char *ex_status_name(ex_status s);
EX_API bool ex_status_is_violation(ex_status s);
/* step limit, runaway, unsupported: neither a violation nor a proof; an execution that ends
 * so leaves the search incomplete */
EX_API bool ex_status_is_incomplete(ex_status s);

/* The visible operations: each step is one (docs/design.md lists exactly when). */
typedef enum ex_op_kind {
    EX_OP_BEGIN,       /* a started thread's first step */
    EX_OP_END,         /* the thread's target returned (or it called exit) */
    EX_OP_START,       /* thread.start() */
    EX_OP_JOIN,        /* thread.join([timeout]) */
    EX_OP_READ,        /* a load from shared memory */
    EX_OP_WRITE,       /* a store to shared memory */
    EX_OP_RMW,         /* an atomic read-modify-write */
    EX_OP_ACQUIRE,     /* Lock/RLock acquire, blocking or timed */
    EX_OP_TRY,         /* acquire(blocking=False): never blocks */
    EX_OP_RELEASE,     /* Lock/RLock release */
    EX_OP_PRINT,       /* printf & co: stdout is one shared object */
    EX_OP_SLEEP,       /* time.sleep: a wake-up at a virtual deadline */
    EX_OP_EXIT,        /* the main thread returned: waits for the non-daemon threads */
    EX_OP_WAIT,        /* Condition.wait: releases the lock and starts waiting */
    EX_OP_WAKE,        /* ... notified (or timed out), takes the lock back */
    EX_OP_NOTIFY,      /* Condition.notify / notify_all */
    EX_OP_SEM_ACQUIRE, /* Semaphore.acquire: waits while the counter is 0 */
    EX_OP_SEM_RELEASE, /* Semaphore.release */
    EX_OP_EVENT_SET,   /* Event.set / Event.clear */
    EX_OP_EVENT_WAIT,  /* Event.wait: waits until the flag is set */
    EX_OP_QUERY,       /* is_alive(), Lock.locked(), Event.is_set(): reads an object's state */
    EX_OP_COUNT
} ex_op_kind;

/* "begin", "end", "start", "join", "read", "write", "rmw", "acquire", "try", "release",
 * "print", "sleep", "exit", "wait", "wake", "notify", "sem-acquire", "sem-release",
 * "event-set", "event-wait", "query" */
EX_API const char *ex_op_name(ex_op_kind kind);

/* One step of an execution, as an observer sees it. */
typedef struct ex_event {
    int thread; /* who moved: 0 = MainThread, then threads in creation order */
    ex_op_kind kind;
    uintptr_t object; /* the address accessed, or the lock; 0 for none. For start, join,
                         end and print it is the runtime's own object, whose address
                         changes from one search to the next: use `target` */
    uint32_t size;    /* bytes, for memory accesses */
    int target;       /* start/join/end: the thread concerned; else -1 */
    bool timed;       /* a timeout fired here, or a sleep ended by moving the clock */
    bool atomic;      /* an atomic access (sequentially consistent) */
    const void *pc;   /* the call site in the scenario (a return address), or NULL */
    bool has_value;   /* reads, writes, rmw of up to 8 bytes: */
    long long value;  /* the value read, or written */
} ex_event;

/* One step of a replayed execution, described for people. */
typedef struct ex_trace_step {
    ex_event event;
    char thread_name[48];
    char object[96];    /* variable, lock, thread or heap+offset; "" for none */
    char location[128]; /* file:line in the scenario's source; "" when unknown */
} ex_trace_step;

/* The search in progress, as its observer sees it: valid during the observer's call only. */
typedef struct ex_search ex_search;

/* Called after every completed execution with its steps, status, output and number of
 * preemptions; `search` tells more about the execution, and can stop the search. */
typedef void (*ex_observer)(void *user, ex_search *search, const ex_event *events, size_t count,
                            ex_status status, const char *output, unsigned preemptions);

/* Ends the search after this execution: the result is not complete, and its stopped_by
 * reads "observer". */
EX_API void ex_search_stop(ex_search *s);
/* The execution's threads, those created and never started included: how many, and each
 * one's name (`thread` as in ex_event.thread). */
EX_API int ex_search_thread_count(const ex_search *s);
EX_API const char *ex_search_thread_name(const ex_search *s, int thread);
/* The execution's status with its details, as in ex_outcome.status_text. */
EX_API const char *ex_search_status_text(const ex_search *s);
/* Step `e` of the execution described for people, as ex_replay's trace describes a step. */
EX_API void ex_search_describe(ex_search *s, const ex_event *e, ex_trace_step *out);
/* What step `e` touched, as a key that stays the same in every search of the scenario with
 * the same parameters: ex_event.object does not for the runtime's own objects (threads,
 * stdout, the scenario's heap and stacks), which are made anew for each search. */
EX_API uint64_t ex_search_object_key(const ex_search *s, const ex_event *e);

typedef enum ex_strategy_kind {
    EX_STRATEGY_DPOR,   /* default: one execution per class of equivalent interleavings */
    EX_STRATEGY_DFS,    /* every schedule, no reduction: the baseline DPOR is checked against */
    EX_STRATEGY_RANDOM, /* `runs` random walks (seeded): not exhaustive */
    EX_STRATEGY_PCT     /* `runs` PCT samples of depth `pct_depth` (seeded): not exhaustive */
} ex_strategy_kind;

/* What a search ran with (ex_result.strategy): the strategy the options chose, whether it
 * was bounded, or a replay. */
typedef enum ex_search_kind {
    EX_SEARCH_NONE, /* no search ran (result->error says why) */
    EX_SEARCH_DPOR,
    EX_SEARCH_DPOR_BOUNDED, /* dpor cut at a preemption bound: finds bugs, proves nothing */
    EX_SEARCH_DFS,
    EX_SEARCH_DFS_BOUNDED, /* every schedule within a preemption bound */
    EX_SEARCH_RANDOM,
    EX_SEARCH_PCT,
    EX_SEARCH_STATEFUL,
    EX_SEARCH_STATEFUL_BOUNDED, /* every schedule within a bound, states merged */
    EX_SEARCH_REPLAY,
    EX_SEARCH_COUNT
} ex_search_kind;

/* "none", "dpor", "dpor (preemption-bounded)", "dfs", "dfs (preemption-bounded)", "random",
 * "pct", "stateful", "stateful (preemption-bounded)", "replay" */
EX_API const char *ex_search_name(ex_search_kind k);

/* Why a search stopped before its strategy ran out of executions (ex_result.stopped_by). */
typedef enum ex_stop_reason {
    EX_STOP_NONE,            /* it did not stop early */
    EX_STOP_TIME_LIMIT,      /* ex_options.time_limit */
    EX_STOP_EXECUTION_LIMIT, /* ex_options.max_executions */
    EX_STOP_FIRST_VIOLATION, /* ex_options.stop_on_first */
    EX_STOP_STEP_LIMIT,      /* an execution ran past max_steps (the search went on) */
    EX_STOP_RUNAWAY,         /* a thread ran on without a visible operation (same) */
    EX_STOP_UNSUPPORTED,     /* an execution met what the explorer does not model (same) */
    EX_STOP_OBSERVER,        /* the observer called ex_search_stop */
    EX_STOP_INTERRUPTED,     /* SIGINT, SIGTERM or SIGHUP (ex_result.signal): the search
                                stopped at the end of the execution in progress */
    EX_STOP_COUNT
} ex_stop_reason;

/* "none", "time limit", "execution limit", "first violation", "step limit", "runaway",
 * "unsupported", "interrupted" */
EX_API const char *ex_stop_reason_name(ex_stop_reason s);

typedef struct ex_options {
    ex_strategy_kind strategy;
    uint64_t max_executions; /* 0: no limit */
    uint64_t max_steps;      /* per execution; 0: no limit */
    double time_limit;       /* seconds of wall time; <= 0: no limit */
    bool stop_on_first;      /* stop at the first violation */
    bool timing_agnostic;    /* sleeps order nothing; timeouts may fire at any step */
    size_t stack_size;       /* bytes per scenario thread */
    bool progress;           /* a progress line on stderr */
    int preemption_bound;    /* >= 0: only schedules with at most this many preemptions
                                (searched with dfs, no reduction); < 0: no bound */
    bool bound_with_dpor;    /* search the bound with dpor cut at the bound instead: finds
                                bugs fast, but is not exhaustive within the bound */
    uint64_t seed;           /* random and pct */
    uint64_t runs;           /* random and pct: executions to sample */
    int pct_depth;           /* pct: the bug depth it aims at (1 + priority changes) */
    bool detect_races;       /* report unsynchronised conflicting accesses (costs time) */
    bool no_checkpoints;     /* replay every execution from the start instead of from a
                                saved state (slower; the same results) */
    bool stateful;           /* merge states seen before (strategy_stateful.c): the same
                                outcome set as dfs; with preemption_bound >= 0 solo runs are
                                summarised too, which proves bounds at the tutorial's scale;
                                counts are of executions run, not of schedules */
    ex_observer observer;    /* optional: sees every completed execution's steps */
    void *observer_user;
} ex_options;

EX_API ex_options ex_options_default(void);

typedef struct ex_outcome {
    char *output;         /* everything the execution printed (NUL-terminated) */
    size_t output_length; /* its bytes: outcomes compare all of them, NUL bytes included */
    ex_status status;
    char *status_text; /* "ok", or the status with its details */
    uint64_t count;    /* executions that ended this way */
    char *schedule;    /* the witness: fewest preemptions, then fewest steps */
    unsigned preemptions;
    uint64_t steps;
} ex_outcome;

typedef struct ex_result {
    char *scenario;
    uint64_t executions;       /* completed executions (each ended with an outcome) */
    uint64_t steps;            /* visible steps over all of them */
    uint64_t max_depth;        /* steps of the longest execution */
    uint64_t restarts;         /* searches restarted after a stack page became shared */
    uint64_t redundant;        /* executions cut short as equivalent to explored ones (DPOR) */
    uint64_t resumed;          /* executions started from a checkpoint, not from the start */
    uint64_t states;           /* stateful search: distinct states explored */
    uint64_t summarised;       /* stateful search: solo runs replaced by their summary */
    double seconds;            /* wall time */
    bool complete;             /* the strategy finished: every interleaving class was explored */
    ex_stop_reason stopped_by; /* EX_STOP_NONE, or why the search was cut short */
    ex_search_kind strategy;   /* what searched (EX_SEARCH_NONE when nothing could run) */
    int preemption_bound;      /* the bound searched, or -1 */
    bool finished;             /* the strategy ran out of executions (within its bound) */
    bool bound_exhausted;      /* finished, and every schedule within the preemption bound
                                  was explored (dfs or stateful, bounded): a proof for
                                  that bound, not for every interleaving */
    int min_preemptions;       /* ex_explore_min_preemptions: the fewest that show a
                                  violation, -1 if none within the searched bounds */
    bool fewer_excluded;       /* ... and every smaller bound was searched completely */
    double exclusion_seconds;  /* ... the time that exclusion took */
    ex_stop_reason exclusion_stopped_by; /* ... when not excluded: why a smaller bound's
                                            search stopped early (EX_STOP_NONE: it could
                                            not run) */
    bool min_preemptions_searched;       /* this result comes from ex_explore_min_preemptions */
    uint64_t seed;
    int signal; /* EX_STOP_INTERRUPTED: the signal that stopped the search */
    bool violated;
    uint64_t violations; /* executions that ended in a violation */
    char *error;         /* the search could not run (a replay that does not fit, ...) */
    size_t outcome_count;
    ex_outcome *outcomes; /* in order of first appearance */
    ex_trace_step *trace; /* ex_replay: every step */
    size_t trace_count;
    char **diagnoses; /* in words: lost updates, data races, deadlock cycles */
    size_t diagnosis_count;
} ex_result;

EX_API ex_result *ex_explore(ex_module *m, const ex_options *options);
/* The fewest preemptions that expose a violation. For bounds 0, 1, 2, ... (up to
 * `max_bound`) it first hunts with dpor cut at the bound (fast, not exhaustive); at the
 * first bound that shows a violation, with a witness of K preemptions, it searches every
 * smaller bound in turn with the exhaustive stateful bounded search in the time left. The
 * first of those that shows a violation is the answer (its result is returned, and every
 * bound below it was excluded); if none does, K is. result->min_preemptions is the answer
 * (-1 if none was found), result->fewer_excluded whether every smaller bound was searched
 * to the end, and if not, exclusion_stopped_by why one stopped. */
EX_API ex_result *ex_explore_min_preemptions(ex_module *m, const ex_options *options,
                                             int max_bound);
/* Runs the one execution `schedule` describes. result->error says why it could not. */
EX_API ex_result *ex_replay(ex_module *m, const char *schedule, const ex_options *options);
EX_API void ex_result_free(ex_result *r);

/* ---- interleaving graphs (src/analysis/graph/) -------------------------------------- */

/* The graph of states every explored execution passes through: a state is a prefix of an
 * execution's happens-before order (docs/graphs.md), merged across executions; an edge is
 * one step. Built with cgraph, written as DOT or rendered in-process with gvc. */
typedef enum ex_graph_format {
    EX_GRAPH_DOT,
    EX_GRAPH_SVG,
    EX_GRAPH_PNG,
    EX_GRAPH_PDF
} ex_graph_format;

typedef struct ex_graph_options {
    ex_graph_format format;
    const char *schedule; /* NULL, or an execution (e.g. a witness) whose path is highlighted */
    bool only_violations; /* keep only the states from which a violation can be reached */
    bool collapse;        /* merge a chain of one thread's steps where nothing else can happen */
    size_t max_nodes;     /* refuse a graph of more states than this; 0: no limit */
} ex_graph_options;

typedef struct ex_graph_info {
    size_t states, steps;      /* the whole graph: states and steps between them */
    size_t nodes, edges;       /* drawn (after only_violations and collapse) */
    size_t finals, violations; /* final states, and those that end in a violation */
    uint64_t executions;       /* explored */
    bool complete;             /* the search explored every interleaving */
    ex_stop_reason stopped_by; /* why it did not, or EX_STOP_NONE */
} ex_graph_info;

typedef enum ex_graph_status {
    EX_GRAPH_WRITTEN,   /* the whole graph was written */
    EX_GRAPH_PARTIAL,   /* written, but the search stopped early (a limit): states may miss */
    EX_GRAPH_TOO_LARGE, /* more than max_nodes states: nothing written */
    EX_GRAPH_FAILED     /* nothing written: `err` says why */
} ex_graph_status;

/* format DOT, max_nodes 2000, nothing highlighted, nothing filtered */
EX_API ex_graph_options ex_graph_options_default(void);
/* Explores `m` with `explore` (its observer is replaced), builds the graph and writes it to
 * `path` ("-": standard output). `info` may be NULL. */
EX_API ex_graph_status ex_graph_write(ex_module *m, const ex_options *explore,
                                      const ex_graph_options *options, const char *path,
                                      ex_graph_info *info, char *err, size_t errlen);

/* ---- end of interleaving graphs ------------------------------------------------------ */

#ifdef __cplusplus
}
#endif
#endif
