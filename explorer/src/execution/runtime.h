/* The runtime's one state struct (ex_runtime): the execution in progress (its values, the
 * thread table, its record) and what lives for the whole search; and the types its parts
 * share: visible operations and threads. The one global, ex_rt, points at it.
 *
 * Invariant: exactly one scenario thread (rt->exec.current) runs at a time, on its own fiber;
 * it runs until its next visible operation, where it calls ex_step(), and the strategy
 * picks which thread performs the next step. */
#ifndef EXPLORER_RUNTIME_H
#define EXPLORER_RUNTIME_H

#include "explorer/explorer.h"
#include "explorer/scenario.h"
#include "execution/fiber.h"
#include "execution/module.h"
#include "search/schedule.h"
#include "util/arena.h"
#include "util/hash.h"
#include "util/table.h"
#include "util/text.h"

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
    bool ends_all;   /* EX_OP_EXIT of exit() & co: ends every thread now, waits for none */
    uintptr_t addr;  /* memory address, or the lock / thread / semaphore / event */
    double deadline; /* timed operations: virtual time it gives up; < 0 none */
    const void *pc;  /* return address in the scenario, for traces */
} ex_op;

typedef enum ex_thread_state {
    EX_T_NEW,  /* created, not started */
    EX_T_LIVE, /* started: has a pending operation */
    EX_T_DONE, /* ended */
} ex_thread_state;

typedef struct ex_strategy ex_strategy;
typedef struct ex_symbols ex_symbols;

/* A scenario thread as the scheduler sees it: all of it changes during an execution
 * (checkpoints and summaries copy rows of the thread table whole; image.c lists it). */
struct ex_thread { /* (ordered without padding: 128 bytes, a row the strategies index) */
    int id;        /* 0 = MainThread; index in rt->threads and in schedules */
    ex_thread_state state;
    ex_op pending;       /* what it does when next chosen */
    uint64_t wait_order; /* waiting on a Condition: its place in the queue */
    ex_hash observed;    /* the stateful search: its arguments and what its steps saw */
    char name[EX_NAME_MAX];
    bool daemon;
    bool notified; /* waiting on a Condition: a notify chose it */
};
_Static_assert(sizeof(ex_thread) == 128, "a thread's row is 128 bytes: the strategies index it");

/* A thread's target and arguments: set when it is created, never changed after (so a
 * checkpoint does not save them: the same prefix creates the same threads). */
typedef struct ex_thread_call {
    ex_target target;
    ffi_cif cif;
    ffi_type *arg_types[EX_MAX_ARGS];
    void *arg_values[EX_MAX_ARGS];
    ex_arg args[EX_MAX_ARGS];
    int arg_count;
} ex_thread_call;

/* The execution in progress, as values: where it is and what it has created. Checkpoints
 * copy it whole and the reset zeroes it. The rest of an execution's state is its memory and
 * thread table (image.c lists those once) and its record (schedule, output, events, status:
 * cleared when it starts). */
typedef struct ex_execution {
    ex_thread *current;
    int thread_count;
    int unnamed_count;   /* for Thread-N names */
    uint64_t wait_count; /* Condition waits so far: their FIFO order */
    double clock;        /* virtual seconds */
    uint64_t steps;
    unsigned preemptions;
    size_t event_count; /* recorded steps */
} ex_execution;

/* The runtime: the execution in progress, and what lives for the whole search. */
typedef struct ex_runtime {
    /* the scenario and how to explore it */
    ex_module *module;
    ex_options options;
    ex_strategy *strategy;

    /* the execution in progress (the thread table and the values are checkpointed) */
    ex_execution exec;
    ex_thread threads[EX_MAX_THREADS];
    ex_fiber fibers[EX_MAX_THREADS]; /* fibers[i] runs threads[i] */
    ex_thread_call calls[EX_MAX_THREADS];
    ex_schedule schedule;
    ex_text output;
    ex_status status;
    ex_text status_text;
    ex_event *events; /* the steps of this execution, when recorded */
    size_t event_capacity;
    bool in_execution;
    bool redundant; /* the strategy cut the execution as redundant */

    /* the whole search */

    struct ex_check_site { /* the last failed check, its status text formatted once for all */
        const char *expression, *file;
        int line;
        char thread[EX_NAME_MAX];
        ex_text status_text;
    } last_check;
    bool record_events;     /* an observer, a replay, or diagnosis wants the steps */
    ex_symbols *symbols;    /* opened on first use */
    struct ex_races *races; /* options.detect_races: what the search found so far */

    /* memory the runtime owns, with the same addresses in every execution */
    ex_fiber_stacks stacks;
    uint8_t *shared_stack_pages; /* bit per stack page another thread touched */
    size_t shared_stack_extent;  /* its bytes up to the last with a bit set */
    ex_arena heap;               /* the scenario's malloc */
    uint8_t *heap_shadow;        /* a byte per 16 bytes of it (scenario/heap_check.h) */
    ex_arena scratch;            /* the runtime's per-execution objects */

    /* leaving an execution: back to the search loop on the OS stack */
    ex_fiber_ctx scheduler_ctx;
    ex_fiber_ctx abandoned_ctx; /* where a fiber that never runs again is saved */
    sigjmp_buf fault_jump;
    struct ex_checkpoints *checkpoints; /* saved states a new execution can start from */
    uint64_t checkpoint_due;            /* the step from which the next one is taken */
    uint64_t limits_due;                /* the step from which the limits are checked */
    uint64_t resumed;                   /* executions started from one */
    ex_table outcome_index;             /* the result's outcomes, by hash */
    struct ex_summaries *summaries;     /* the stateful search's solo runs (summary.c) */
    uint64_t summaries_used;            /* solo runs replaced by a summary */
    bool restart_needed; /* a stack page became shared: the search so far is unsound */
    bool time_exceeded;
    volatile int interrupted; /* SIGINT, SIGTERM or SIGHUP came: which (sig_atomic_t) */
    void *interrupt_saved;    /* the handlers they had before the search */
    double deadline_wall;     /* monotonic seconds when the time limit hits */
    uint64_t clock_read_at;   /* ex_cycles() when it was last compared */
    uint64_t execution_id;    /* executions started, for the runaway watch */
    void *alt_stack;          /* the signal handlers' stack */
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
 * argument to carry it, so this one pointer is the only global; NULL outside a search. It
 * is thread-local (initial-exec: as cheap to read as a global in a shared library), set on
 * the explorer's own thread only: on an OS thread the explorer did not start it is NULL. */
extern __thread ex_runtime *ex_rt __attribute__((tls_model("initial-exec")));

#endif
