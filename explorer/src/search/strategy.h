/* The strategy interface: what a strategy sees at each step (ex_choice) and the calls the
 * search loop and the scheduler make on it. Each strategy's constructor is in its own
 * header. */
#ifndef EXPLORER_STRATEGY_H
#define EXPLORER_STRATEGY_H

#include "execution/runtime.h"

/* What the strategy sees at a step. */
typedef struct ex_choice {
    uint64_t enabled; /* non-empty: bit i = thread i may move */
    uint64_t live;    /* the threads started and not ended */
    int current;      /* the thread that ran the previous step, -1 if it cannot continue */
    uint64_t step;
    uint64_t timeouts;        /* enabled only by their deadline: a timeout fires, a sleep ends */
    bool clock_moves;         /* no untimed step is enabled: taking one moves the virtual clock */
    double clock;             /* the virtual clock now */
    const ex_thread *threads; /* every thread's pending operation */
    int thread_count;
    bool timing_agnostic;
    const struct ex_runtime *runtime;
    ex_hash memory; /* a stateful strategy's: ex_state_memory() now */
    bool stopped;   /* end_execution: the last step's thread ended the execution early (a
                       failed check, a misuse, a crash): every other thread stopped there */
} ex_choice;

/* choose() results besides a thread id */
#define EX_CHOOSE_ERROR (-1)   /* cannot follow: `error` says why */
#define EX_CHOOSE_BLOCKED (-2) /* every enabled thread is asleep: the rest is redundant */

typedef struct ex_strategy ex_strategy;
struct ex_strategy {
    ex_search_kind kind;
    bool exhaustive;     /* when it finishes, every class ran */
    bool exhausts_bound; /* when it finishes, every schedule within its preemption bound ran */
    bool (*next_execution)(ex_strategy *self);            /* false: the search is over */
    int (*choose)(ex_strategy *self, const ex_choice *c); /* a thread id in c->enabled */
    /* optional: the execution ended; `c` holds the threads' pending operations then */
    void (*end_execution)(ex_strategy *self, const ex_choice *c);
    /* optional, both or neither: after next_execution, the first step whose choice may
     * differ from the previous execution's; and "this execution starts at `step`" (from a
     * checkpoint: the choices before it are made already) */
    uint64_t (*divergence)(ex_strategy *self);
    void (*resume)(ex_strategy *self, uint64_t step);
    void (*destroy)(ex_strategy *self);
    /* optional: whether to take a checkpoint before this choice (instead of one every few
     * steps) */
    bool (*wants_checkpoint)(ex_strategy *self, const ex_choice *c);
    const char *error; /* set by choose() when it cannot follow (a replay that does not fit) */
    bool stateful;     /* it merges states: the scheduler hashes memory and observations */
    bool solo;         /* set by choose(): the chosen thread runs alone until it blocks or ends */
};

/* For next_execution: true the first time it is called (the first execution backtracks
 * from nothing). */
static inline bool ex_first_execution(bool *started) {
    bool first = !*started;
    *started = true;
    return first;
}

#endif
