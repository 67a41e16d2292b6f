/* The runtime's one state struct (ex_runtime) and the types its parts share: threads,
 * visible operations, the strategy interface. Every file of the runtime includes this.
 *
 * Invariant: exactly one scenario thread (rt->current) runs at a time, on its own fiber;
 * it runs until its next visible operation, where it calls ex_step(), and the strategy
 * picks which thread performs the next step. */
#ifndef EXPLORER_RUNTIME_H
#define EXPLORER_RUNTIME_H

#include "explorer/explorer.h"
#include "explorer/scenario.h"
#include "fiber.h"

#include <ffi.h>
#include <setjmp.h>
#include <stdint.h>

#define EX_MAX_THREADS 64 /* enabled sets are 64-bit masks */
#define EX_NAME_MAX 48
#define EX_STACK_PAGE 4096 /* granularity of the shared-stack marks */

typedef struct ex_op {
    ex_op_kind kind;
    uint32_t size;   /* bytes accessed, for reads and writes */
    bool reentrant;  /* an RLock acquire: its owner may take it again */
    bool atomic;     /* a C11/__atomic access: synchronises, never races */
    uintptr_t addr;  /* memory address, or the lock / thread / semaphore / event */
    double deadline; /* timed operations: virtual time it gives up; < 0 none */
    const void *pc;  /* return address in the scenario, for traces */
} ex_op;

typedef enum ex_thread_state {
    EX_T_NEW,  /* created, not started */
    EX_T_LIVE, /* started: has a pending operation */
    EX_T_DONE, /* ended */
} ex_thread_state;

typedef struct ex_local_slot ex_local_slot;

/* A 128-bit hash (state.c). */
typedef struct ex_hash {
    uint64_t a, b;
} ex_hash;

struct ex_thread {
    int id; /* 0 = MainThread; index in rt->threads and in schedules */
    ex_thread_state state;
    bool daemon;
    char name[EX_NAME_MAX];
    ex_op pending;       /* what it does when next chosen */
    bool notified;       /* waiting on a Condition: a notify chose it */
    uint64_t wait_order; /* waiting on a Condition: its place in the queue */
    ex_hash observed;    /* the stateful search: its arguments and what its steps saw */
    ex_fiber fiber;
    /* fixed from the thread's creation on (a checkpoint saves only the fields above) */
    ex_target target;
    ffi_cif cif;
    ffi_type *arg_types[EX_MAX_ARGS];
    void *arg_values[EX_MAX_ARGS];
    ex_arg args[EX_MAX_ARGS];
    int arg_count;
};

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
    const char *name;
    bool exhaustive;                                      /* when it finishes, every class ran */
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

struct ex_text;
typedef struct ex_symbols ex_symbols;

/* A run of consecutive steps by one thread: the unit of schedules. */
typedef struct ex_run {
    uint8_t thread;
    uint32_t steps;
} ex_run;

typedef struct ex_schedule {
    ex_run *runs;
    size_t count, capacity;
} ex_schedule;

/* For next_execution: true the first time it is called (the first execution backtracks
 * from nothing). */
static inline bool ex_first_execution(bool *started) {
    bool first = !*started;
    *started = true;
    return first;
}

ex_strategy *ex_strategy_dfs_new(int preemption_bound);  /* < 0: unbounded */
ex_strategy *ex_strategy_dpor_new(int preemption_bound); /* bounded: not exhaustive */
ex_strategy *ex_strategy_sample_new(bool pct, uint64_t seed, uint64_t runs, int depth);
ex_strategy *ex_strategy_replay_new(const ex_schedule *schedule);
ex_strategy *ex_strategy_stateful_new(int preemption_bound);
size_t ex_strategy_stateful_states(const ex_strategy *self); /* distinct states seen */

void ex_schedule_push_run(ex_schedule *s, int thread, uint64_t steps);
static inline void ex_schedule_push(ex_schedule *s, int thread) { /* (inline: every step) */
    ex_run *last = s->count ? &s->runs[s->count - 1] : NULL;
    if (last && last->thread == thread && last->steps < UINT32_MAX)
        last->steps++;
    else if (s->count < s->capacity)
        s->runs[s->count++] = (ex_run){(uint8_t)thread, 1};
    else
        ex_schedule_push_run(s, thread, 1);
}
void ex_schedule_clear(ex_schedule *s);
void ex_schedule_free(ex_schedule *s);
uint64_t ex_schedule_steps(const ex_schedule *s);
/* malloc'd text; `shared_pages` (a bitmap of `pages` bits) may be NULL */
char *ex_schedule_format(const ex_schedule *s, uint16_t checksum, const uint8_t *shared_pages,
                         size_t pages);
uint16_t ex_schedule_checksum(const ex_module *m); /* of the name and parameter values */
/* `shared` receives the stack pages (unsigned long each) the schedule names */
bool ex_schedule_parse(const char *text, uint16_t checksum, ex_schedule *out,
                       struct ex_text *shared, char *err, size_t errlen);

/* A bump arena: reset as a whole. */
typedef struct ex_arena {
    char *base;
    size_t used, reserved;
} ex_arena;

bool ex_arena_init(ex_arena *a, size_t reserve);
void *ex_arena_alloc(ex_arena *a, size_t size);
void ex_arena_reset(ex_arena *a);
void ex_arena_destroy(ex_arena *a);

/* Room for `needed` items of `item` bytes in a growable array with `*capacity` items
 * (doubling); returns the array, perhaps moved. Out of memory aborts. (The check is inline:
 * it runs at every step.) */
void *ex_grow_slow(void *array, size_t *capacity, size_t needed, size_t item);
static inline void *ex_grow(void *array, size_t *capacity, size_t needed, size_t item) {
    return needed <= *capacity ? array : ex_grow_slow(array, capacity, needed, item);
}

/* A growable text buffer. */
typedef struct ex_text {
    char *data;
    size_t len, cap;
} ex_text;

void ex_text_append(ex_text *t, const char *s, size_t n);
void ex_text_printf(ex_text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ex_text_vprintf(ex_text *t, const char *fmt, va_list ap);
/* Formats the simplest formats (format.c says which) into t; false: fmt is not one. */
bool ex_format_simple(ex_text *t, const char *fmt, va_list *ap);
void ex_text_clear(ex_text *t);
void ex_text_free(ex_text *t);

/* The scenario module loaded in memory: code, writable data snapshot, parameters. */
struct ex_module {
    void *handle;
    char *path;
    const ex_scenario *scenario;
    struct ex_segment {
        char *addr;
        size_t size;
        char *snapshot;
    } segments[4];
    int segment_count;
    long *param_values; /* per ex_param, what -p set (or the default) */
};

void ex_module_reset(ex_module *m);

typedef struct ex_runtime {
    /* the scenario and how to explore it */
    ex_module *module;
    ex_options options;
    ex_strategy *strategy;

    /* the execution in progress */
    ex_thread threads[EX_MAX_THREADS];
    int thread_count;
    int unnamed_count;   /* for Thread-N names */
    uint64_t wait_count; /* Condition waits so far: their FIFO order */
    ex_thread *current;
    double clock; /* virtual seconds */
    uint64_t steps;
    unsigned preemptions;
    ex_schedule schedule;
    ex_text output;
    ex_status status;
    ex_text status_text;
    struct ex_check_site { /* the last failed check, its status text formatted once for all */
        const char *expression, *file;
        int line;
        char thread[EX_NAME_MAX];
        ex_text status_text;
    } last_check;
    bool in_execution;
    ex_event *events; /* the steps of this execution, when recorded */
    size_t event_count, event_capacity;
    bool record_events;     /* an observer, a replay, or diagnosis wants the steps */
    ex_symbols *symbols;    /* opened on first use */
    struct ex_races *races; /* options.detect_races: what the search found so far */

    /* memory the runtime owns, with the same addresses in every execution */
    ex_fiber_stacks stacks;
    uint8_t *shared_stack_pages; /* bit per stack page another thread touched */
    size_t shared_stack_extent;  /* its bytes up to the last with a bit set */
    ex_arena heap;               /* the scenario's malloc */
    ex_arena scratch;            /* the runtime's per-execution objects */

    /* leaving an execution: back to the search loop on the OS stack */
    ex_fiber_ctx scheduler_ctx;
    ex_fiber_ctx abandoned_ctx; /* where a fiber that never runs again is saved */
    sigjmp_buf fault_jump;
    struct ex_checkpoints *checkpoints; /* saved states a new execution can start from */
    uint64_t checkpoint_due;            /* the step from which the next one is taken */
    uint64_t limits_due;                /* the step from which the limits are checked */
    uint64_t resumed;                   /* executions started from one */
    uint64_t *outcome_hashes;           /* of the result's outcomes, in their order */
    size_t outcome_hash_capacity;
    uint32_t *outcome_slots;        /* open addressing by hash: outcome index + 1, 0 empty */
    size_t outcome_slot_count;      /* a power of 2, over twice the outcomes */
    struct ex_summaries *summaries; /* the stateful search's solo runs (summary.c) */
    uint64_t summaries_used;        /* solo runs replaced by a summary */
    bool restart_needed;            /* a stack page became shared: the search so far is unsound */
    bool time_exceeded;
    bool redundant;                        /* the strategy cut the execution as redundant */
    double deadline_wall;                  /* monotonic seconds when the time limit hits */
    uint64_t execution_id;                 /* executions started, for the runaway watch */
    void *alt_stack;                       /* the signal handlers' stack */
    uint64_t watch_steps, watch_execution; /* what the runaway watch saw at its last tick */
    unsigned watch_ticks;
} ex_runtime;

/* Marks stack page `page` shared (another thread touched it). */
static inline void ex_stack_page_share(ex_runtime *rt, size_t page) {
    rt->shared_stack_pages[page >> 3] |= (uint8_t)(1u << (page & 7));
    if ((page >> 3) + 1 > rt->shared_stack_extent)
        rt->shared_stack_extent = (page >> 3) + 1;
}

/* The runtime of the execution in progress. The compiler's hooks (__tsan_*) have no
 * argument to carry it, so this one pointer is the only global; NULL outside a search. */
extern ex_runtime *ex_rt;

/* scheduler.c */
void ex_step_pending(ex_runtime *rt); /* the running thread's `pending` is set */
/* The running thread's next visible operation: the strategy picks who performs the next
 * step. (Inline, so that `op` is built in place: this runs at every step.) */
static inline void ex_step(ex_runtime *rt, ex_op op) {
    rt->current->pending = op;
    ex_step_pending(rt);
}
_Noreturn void ex_step_final(ex_runtime *rt);         /* after END: the thread is gone */
void ex_clock_reach(ex_runtime *rt, double deadline); /* a timed wait fired */
void ex_record_value(ex_runtime *rt); /* fills in the value of the last recorded step */
void ex_status_text_set(ex_runtime *rt, ex_status status, const char *detail);
_Noreturn void ex_leave_execution(ex_runtime *rt); /* back to the search loop */
_Noreturn void ex_end_execution(ex_runtime *rt, ex_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
_Noreturn void ex_misuse(ex_runtime *rt, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void ex_execution_run(ex_runtime *rt);
double ex_now_seconds(void);

/* thread.c */
ex_thread *ex_thread_alloc(ex_runtime *rt, const char *name);
ex_thread *ex_thread_main_init(ex_runtime *rt);
const char *ex_object_name(const void *addr, char *buf, size_t len);

/* symbols.c */
ex_symbols *ex_symbols_open(void);
void ex_symbols_close(ex_symbols *s);
bool ex_symbols_line(ex_symbols *s, const void *return_address, char *buf, size_t len);
const char *ex_symbols_object(ex_symbols *s, const ex_runtime *rt, uintptr_t addr, char *buf,
                              size_t len);

/* trace.c */
void ex_trace_describe(ex_runtime *rt, const ex_event *e, ex_trace_step *out); /* one step */
ex_trace_step *ex_trace_build(ex_runtime *rt, size_t *count);
void ex_diagnose_lost_updates(const ex_trace_step *t, size_t count, char ***list,
                              size_t *list_count);

/* race.c */
typedef struct ex_races ex_races;
ex_races *ex_races_new(void);
void ex_races_free(ex_races *r);
void ex_races_check(ex_races *r, const ex_event *events, size_t count, const ex_thread *threads);
size_t ex_races_describe(ex_races *r, ex_runtime *rt, char ***list, size_t *list_count);

/* observer.c: the handle an observer gets (ex_search), made by the search loop for each
 * call; `stop` is set by ex_search_stop. */
struct ex_search {
    ex_runtime *rt;
    bool stop;
};

/* fault.c */
void ex_faults_install(ex_runtime *rt);
void ex_faults_remove(ex_runtime *rt);
void ex_faults_forget_handler(ex_runtime *rt); /* after an execution a signal ended */

/* checkpoint.c */
void ex_checkpoint_maybe(ex_runtime *rt, ex_thread *self, const ex_choice *c); /* before c */
bool ex_checkpoint_restore(ex_runtime *rt, uint64_t step); /* the deepest up to `step` */
void ex_checkpoints_clear(ex_runtime *rt);
void ex_limits_arm(ex_runtime *rt, uint64_t from); /* limits_due, for the steps from `from` */
void ex_checkpoints_free(ex_runtime *rt);

/* state.c: 128-bit hashes of states */
ex_hash ex_hash_new(uint64_t seed);
void ex_hash_word(ex_hash *h, uint64_t w);
void ex_hash_bytes(ex_hash *h, const void *data, size_t n);
ex_hash ex_state_memory(const ex_runtime *rt); /* memory, counters, thread table */
/* the whole state, given its memory hash; `current`: the thread that must continue, or -1 */
ex_hash ex_state_key(const ex_runtime *rt, ex_hash memory, int current);
ex_hash ex_state_solo_key(const ex_runtime *rt, ex_hash memory, int thread); /* summary.c's */
/* thread t takes its pending step: what the step sees goes into t->observed */
void ex_state_observe(ex_runtime *rt, ex_thread *t, bool timed_out, ex_hash memory);
/* thread t's arguments are bound: its observations start from them (stateful search) */
void ex_state_thread_born(const ex_runtime *rt, ex_thread *t);
bool ex_state_known_memory(const ex_runtime *rt, uintptr_t addr, size_t size);
/* the running thread learns `data` without a step (the clock, another thread's name): it
 * goes into its observations when the search is stateful */
void ex_state_note(ex_runtime *rt, const void *data, size_t n);

/* summary.c: solo runs of the stateful search */
void ex_summary_begin(ex_runtime *rt, int thread, ex_hash key);
void ex_summary_cancel(ex_runtime *rt);
int ex_summary_recording(const ex_runtime *rt); /* the thread recorded, or -1 */
bool ex_summary_allows(const ex_runtime *rt, const ex_thread *t);
void ex_summary_save(ex_runtime *rt); /* the recorded thread has ended */
bool ex_summary_apply(ex_runtime *rt, int thread, ex_hash key);
void ex_summaries_free(ex_runtime *rt);

/* heap.c */
void ex_heap_reset(ex_runtime *rt);

#endif
