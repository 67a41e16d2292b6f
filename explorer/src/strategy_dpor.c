/* Dynamic partial-order reduction: the default exhaustive strategy.
 *
 * Classic DPOR (Flanagan & Godefroid 2005) with sleep sets (Godefroid 1996), stateless:
 * every execution replays a prefix of the path from the start. Each step records which
 * threads were enabled, which must still be tried there (backtrack), which were tried
 * (done) and which sleep (already covered by an equivalent execution). When a step races
 * with an earlier one (the two are dependent, by different threads, and not ordered by
 * happens-before), the thread of the later step is added to the backtrack set of the
 * earlier step (all enabled threads if it was not enabled there). Pending operations that
 * never ran are checked the same way when an execution ends, so a lock order that ends in
 * a deadlock is still reversed. Sleep sets make every complete execution inequivalent to
 * every other; an execution whose enabled threads all sleep is cut as redundant.
 *
 * Dependence: accesses to a common 8-byte granule with at least one write (atomics are
 * writes); every operation on the same lock; start and end of a thread with its join;
 * prints (stdout is one object); and "global" steps, dependent with everything and ordered
 * after all that came before and before all that follows: a clock advance (a sleep
 * ending when every other thread is blocked), a timeout firing, and the main thread's
 * exit (which ends daemon threads). A due sleep (its time has come) reads the clock: it
 * depends only on global steps (another sleep with the same deadline could have moved it).
 * Happens-before: vector clocks, joined along every dependence -- for a global step, at
 * each later step after its race check, so two timeouts that could fire in either order
 * still race. */
#include "runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T EX_MAX_THREADS

typedef uint32_t vclock[T];

typedef struct dpor_node {
    uint64_t enabled, backtrack, done, sleep;
    uint32_t preempts_before; /* preemptions of the schedule before this step */
    int8_t current;           /* the thread that could continue here, or -1 */
    uint8_t chosen;
} dpor_node;

typedef struct dpor_event {
    uint8_t thread;
    uint32_t clock; /* the thread's own clock at this event */
} dpor_event;

/* The access history of one granule of memory (or one lock, thread, stdout). */
typedef struct granule {
    uintptr_t key;
    uint64_t generation;
    int width;               /* threads whose entries below are set */
    vclock last_write_clock; /* of the last write */
    vclock reads_clock;      /* joined over the reads since */
    int64_t last_write[T];   /* per thread: step of its last write here, -1 none */
    int64_t last_access[T];  /* per thread: step of its last read or write here */
    int64_t last_release[T]; /* per thread: step of its last lock release here */
} granule;

typedef struct dpor {
    ex_strategy base;
    dpor_node *nodes;
    dpor_event *events;
    size_t depth, count, capacity; /* depth: next step of this execution; count: path */
    uint64_t sleep;                /* the sleep set at the current step */
    vclock clocks[T];
    int64_t last_event[T];  /* per thread: its latest step in this execution */
    int64_t last_global[T]; /* per thread: its latest global step */
    vclock global_clock;    /* joined over the global steps so far */
    bool any_global;        /* this execution had one */
    int width;              /* threads whose clocks and last_event are set */
    int bound;              /* < 0: none; else alternatives costing more are never tried */
    uint32_t preempts;      /* of the execution in progress */
    granule *granules;
    size_t granule_capacity, granule_count;
    granule *last_granule; /* the one granule_at found last (check its generation) */
    granule **touched;     /* the granules of the step in hand */
    size_t touched_capacity;
    uint64_t generation;
    bool started;
} dpor;

typedef enum access_mode { NONE, READ, WRITE, GLOBAL } access_mode;

/* Blocking waits (acquire, join) and what ends them (release, a thread's end) -- or what a
 * thread does while holding the lock (notify) -- are never enabled together, so they do not
 * race with each other; they are still ordered. A wait with a timeout may fire at any time
 * once due, and a semaphore's acquire may be enabled together with a release (when units
 * remain): those are checked against both. */
typedef enum lock_role { NOT_LOCK, BLOCKING_ACQUIRE, RELEASE } lock_role;

typedef struct access {
    access_mode mode;
    uintptr_t first, last; /* granule keys */
    lock_role lock;
} access;

#define CLOCK_KEY ((uintptr_t)1) /* the virtual clock's granule: no memory maps there */

static uintptr_t object_key(const void *p) {
    return (uintptr_t)p >> 3;
}

/* What a thread's pending operation touches, as the step it would become: `timeout` says
 * it is enabled only by its deadline, `clock_moves` that taking it moves the clock. */
static access access_of(const ex_op *op, bool timeout, bool clock_moves, bool agnostic) {
    if (op->kind == EX_OP_EXIT)
        return (access){GLOBAL, 0, 0, NOT_LOCK};
    if (op->kind == EX_OP_SLEEP && agnostic)
        return (access){NONE, 0, 0, NOT_LOCK};
    if (op->kind == EX_OP_SLEEP) /* a due sleep reads the clock; a clock advance, global */
        return clock_moves ? (access){GLOBAL, 0, 0, NOT_LOCK}
                           : (access){READ, CLOCK_KEY, CLOCK_KEY, NOT_LOCK};
    if (timeout && !agnostic) /* it gave up waiting: that depends on every other step */
        return (access){GLOBAL, 0, 0, NOT_LOCK};
    switch (op->kind) {
    case EX_OP_READ:
        return (access){READ, op->addr >> 3, (op->addr + (op->size ? op->size : 1) - 1) >> 3,
                        NOT_LOCK};
    case EX_OP_WRITE:
    case EX_OP_RMW:
        return (access){WRITE, op->addr >> 3, (op->addr + (op->size ? op->size : 1) - 1) >> 3,
                        NOT_LOCK};
    case EX_OP_JOIN: /* waits for the END, like an acquire for its release */
        return (access){READ, object_key((void *)op->addr), object_key((void *)op->addr),
                        op->deadline >= 0 ? NOT_LOCK : BLOCKING_ACQUIRE};
    case EX_OP_ACQUIRE: /* can wait: never co-enabled with a release of its lock */
        return (access){WRITE, op->addr >> 3, op->addr >> 3,
                        op->deadline >= 0 ? NOT_LOCK : BLOCKING_ACQUIRE};
    case EX_OP_RELEASE:
    case EX_OP_WAIT: /* a condition wait releases its lock */
        return (access){WRITE, op->addr >> 3, op->addr >> 3, RELEASE};
    case EX_OP_WAKE: /* takes the lock back: never enabled while it is held */
        return (access){WRITE, op->addr >> 3, op->addr >> 3,
                        op->deadline >= 0 ? NOT_LOCK : BLOCKING_ACQUIRE};
    case EX_OP_SEM_ACQUIRE: /* may be enabled with a release: no blocking role */
        return (access){WRITE, op->addr >> 3, op->addr >> 3, NOT_LOCK};
    case EX_OP_SEM_RELEASE:
        return (access){WRITE, op->addr >> 3, op->addr >> 3, RELEASE};
    case EX_OP_NOTIFY: /* done holding the lock: no blocking acquire is enabled then */
        return (access){WRITE, op->addr >> 3, op->addr >> 3, RELEASE};
    case EX_OP_EVENT_SET:
        return (access){WRITE, op->addr >> 3, op->addr >> 3, NOT_LOCK};
    case EX_OP_EVENT_WAIT:
    case EX_OP_QUERY:
        return (access){READ, op->addr >> 3, op->addr >> 3, NOT_LOCK};
    case EX_OP_START:
    case EX_OP_TRY:
    case EX_OP_PRINT:
        return (access){WRITE, op->addr >> 3, op->addr >> 3, NOT_LOCK};
    case EX_OP_END:
        return (access){WRITE, object_key((void *)op->addr), object_key((void *)op->addr), RELEASE};
    default:
        return (access){NONE, 0, 0, NOT_LOCK};
    }
}

/* Thread q's pending operation as it may yet run, seen from the state `c` describes: an
 * operation enabled in its own right keeps its access until a dependent step changes that
 * (which wakes a sleeper anyway); one with a deadline that is not may still time out. */
static access pending_access(const ex_choice *c, int q) {
    const ex_op *op = &c->threads[q].pending;
    bool ready = (c->enabled >> q & 1) && !(c->timeouts >> q & 1);
    if (op->kind == EX_OP_SLEEP)
        return access_of(op, true, op->deadline > c->clock, c->timing_agnostic);
    return access_of(op, op->deadline >= 0 && !ready, true, c->timing_agnostic);
}

static bool dependent(access a, access b) {
    if (a.mode == GLOBAL || b.mode == GLOBAL) /* even a thread's first step: exit ends it */
        return true;
    if (a.mode == NONE || b.mode == NONE)
        return false;
    return a.first <= b.last && b.first <= a.last && (a.mode == WRITE || b.mode == WRITE);
}

static void granules_rehash(dpor *d, size_t capacity) {
    granule *old = d->granules;
    d->last_granule = NULL;
    size_t old_capacity = d->granule_capacity;
    d->granules = calloc(capacity, sizeof *d->granules);
    if (!d->granules)
        abort();
    d->granule_capacity = capacity;
    for (size_t i = 0; i < old_capacity; i++) {
        if (old[i].generation != d->generation)
            continue;
        size_t mask = capacity - 1;
        size_t j = (old[i].key * 0x9E3779B97F4A7C15ull) >> 7 & mask;
        while (d->granules[j].generation == d->generation)
            j = (j + 1) & mask;
        d->granules[j] = old[i];
    }
    free(old);
}

/* Room for `more` new granules without moving the table (pointers stay valid). */
static void granules_reserve(dpor *d, size_t more) {
    if ((d->granule_count + more) * 2 >= d->granule_capacity)
        granules_rehash(d, d->granule_capacity ? d->granule_capacity * 2 : 64);
}

/* The history of one granule, its per-thread entries valid for `threads` threads. The
 * last one found is remembered: a step usually touches what the previous one did. */
static granule *granule_at(dpor *d, uintptr_t key, int threads) {
    granule *g = d->last_granule;
    if (g && g->key == key && g->generation == d->generation && g->width >= threads)
        return g;
    size_t mask = d->granule_capacity - 1;
    for (size_t i = (key * 0x9E3779B97F4A7C15ull) >> 7 & mask;; i = (i + 1) & mask) {
        g = &d->granules[i];
        if (g->generation == d->generation && g->key == key)
            break;
        if (g->generation != d->generation) {
            g->key = key;
            g->generation = d->generation;
            g->width = 0;
            d->granule_count++;
            break;
        }
    }
    for (; g->width < threads; g->width++) {
        int t = g->width;
        g->last_write_clock[t] = g->reads_clock[t] = 0;
        g->last_write[t] = g->last_access[t] = g->last_release[t] = -1;
    }
    d->last_granule = g;
    return g;
}

static void join(uint32_t *into, const uint32_t *from, int threads) {
    for (int t = 0; t < threads; t++)
        if (from[t] > into[t])
            into[t] = from[t];
}

/* The steps of thread q in granule g that `a` must be checked against: its latest
 * conflicting step other than a release, and its latest release -- except for a blocking
 * acquire, which is never enabled while the lock is held, so races with the acquire that
 * took it, not with the release that let it in. (A wait with a timeout may fire once due
 * whatever the lock: it checks both.) */
static void race_candidates(const granule *g, int q, access a, int64_t out[2]) {
    out[0] = a.mode == READ ? g->last_write[q] : g->last_access[q];
    out[1] = a.lock == BLOCKING_ACQUIRE ? -1 : g->last_release[q];
}

/* Thread `p` would race with the step `i` of another thread: make sure the search also
 * tries `p` first at step i. If p could not move there, or sleeps there (an equivalent
 * execution with p first was explored, but not one that reaches this race through some
 * other thread first), every thread awake there is tried. */
static inline void race(dpor *d, int64_t i, int p) {
    if (i < 0)
        return;
    const dpor_event *e = &d->events[i];
    if (e->thread == p || e->clock <= d->clocks[p][e->thread])
        return; /* same thread, or ordered by happens-before */
    dpor_node *n = &d->nodes[i];
    uint64_t awake = n->enabled & ~n->sleep;
    n->backtrack |= (awake >> p & 1) ? 1ull << p : awake;
}

/* With a preemption bound, the threads at node n whose choice stays within it. */
static uint64_t within_bound(const dpor *d, const dpor_node *n, uint64_t threads) {
    if (d->bound < 0 || n->current < 0 || n->preempts_before + 1 <= (uint32_t)d->bound)
        return threads;
    return threads & (1ull << n->current);
}

/* The granules `a` touches, in d->touched (reserved first, so the pointers stay valid):
 * every one of them, however wide the access (a struct copy spans many). */
static inline __attribute__((always_inline)) int granules_of(dpor *d, access a, int threads) {
    if (a.mode != READ && a.mode != WRITE)
        return 0;
    size_t n = a.last - a.first + 1;
    if (n > d->touched_capacity) {
        d->touched = realloc(d->touched, n * sizeof *d->touched);
        if (!d->touched)
            abort();
        d->touched_capacity = n;
    }
    granules_reserve(d, n);
    for (size_t k = 0; k < n; k++)
        d->touched[k] = granule_at(d, a.first + k, threads);
    return (int)n;
}

static inline __attribute__((always_inline)) void races_of(dpor *d, int p, access a, granule **g,
                                                           int n, int threads) {
    for (int q = 0; q < threads; q++) {
        if (q == p)
            continue;
        if (a.mode == GLOBAL)
            race(d, d->last_event[q], p);
        else /* every step depends on the global ones */
            race(d, d->last_global[q], p);
        for (int k = 0; k < n; k++) {
            int64_t steps[2];
            race_candidates(g[k], q, a, steps);
            race(d, steps[0], p);
            race(d, steps[1], p);
        }
    }
}

static void update_granule(granule *g, int p, access a, const uint32_t *vc, int threads,
                           int64_t i) {
    if (a.mode == WRITE) {
        memcpy(g->last_write_clock, vc, sizeof(uint32_t) * (size_t)threads);
        memset(g->reads_clock, 0, sizeof(uint32_t) * (size_t)threads);
    } else {
        join(g->reads_clock, vc, threads);
    }
    if (a.lock == RELEASE) {
        g->last_release[p] = i;
        return;
    }
    if (a.mode == WRITE)
        g->last_write[p] = i;
    g->last_access[p] = i;
}

/* Step `i` by thread p performs access `a`: races (unless `replayed`: a step of the
 * replayed prefix found its races when it first ran, against the same steps before it),
 * then the happens-before update. */
static void record_event(dpor *d, size_t i, int p, access a, const ex_choice *c, bool replayed) {
    int threads = c->thread_count;
    int n = granules_of(d, a, threads);
    granule **g = d->touched;
    if (!replayed)
        races_of(d, p, a, g, n, threads); /* against p's clock before this step */
    uint32_t *vc = d->clocks[p];
    for (int q = 0; a.mode == GLOBAL && q < threads; q++) /* after all that came before */
        join(vc, d->clocks[q], threads);
    if (d->any_global) /* and everything after it is after it */
        join(vc, d->global_clock, threads);
    for (int k = 0; k < n; k++) {
        join(vc, g[k]->last_write_clock, threads);
        if (a.mode == WRITE)
            join(vc, g[k]->reads_clock, threads);
    }
    vc[p]++;
    d->events[i] = (dpor_event){(uint8_t)p, vc[p]};
    d->last_event[p] = (int64_t)i;
    for (int k = 0; k < n; k++)
        update_granule(g[k], p, a, vc, threads, (int64_t)i);
    if (a.mode == GLOBAL) {
        d->last_global[p] = (int64_t)i;
        memcpy(d->global_clock, vc, sizeof(uint32_t) * (size_t)threads);
        d->any_global = true;
    }
    const ex_op *op = &c->threads[p].pending;
    if (op->kind == EX_OP_START) /* the new thread starts from its starter's knowledge */
        memcpy(d->clocks[((const ex_thread *)op->addr)->id], vc,
               sizeof(uint32_t) * (size_t)threads);
}

static void grow(dpor *d) {
    if (d->count < d->capacity)
        return;
    d->capacity = d->capacity ? d->capacity * 2 : 1024;
    d->nodes = realloc(d->nodes, d->capacity * sizeof *d->nodes);
    d->events = realloc(d->events, d->capacity * sizeof *d->events);
    if (!d->nodes || !d->events)
        abort();
}

/* The sleep set after thread p's step: sleepers whose pending step is independent. */
static uint64_t sleep_after(uint64_t sleep, int p, access a, const ex_choice *c) {
    for (uint64_t s = sleep & ~(1ull << p); s; s &= s - 1) {
        int q = __builtin_ctzll(s);
        if (dependent(a, pending_access(c, q)))
            sleep &= ~(1ull << q);
    }
    return sleep & ~(1ull << p);
}

/* New threads start with empty clocks (and appear as 0 in everyone else's). */
static void widen(dpor *d, int threads) {
    for (; d->width < threads; d->width++) {
        int t = d->width;
        memset(d->clocks[t], 0, sizeof d->clocks[t]);
        for (int r = 0; r < t; r++)
            d->clocks[r][t] = 0;
        d->last_event[t] = -1;
        d->last_global[t] = -1;
        d->global_clock[t] = 0;
    }
}

static int dpor_choose(ex_strategy *self, const ex_choice *c) {
    dpor *d = (dpor *)self;
    widen(d, c->thread_count);
    size_t i = d->depth++;
    dpor_node *n;
    if (i < d->count) { /* replaying the path; its last node takes its new choice */
        n = &d->nodes[i];
        if (n->enabled != c->enabled) {
            self->error = "the scenario is nondeterministic: a replayed prefix enabled other "
                          "threads";
            return EX_CHOOSE_ERROR;
        }
    } else {
        uint64_t awake = c->enabled & ~d->sleep;
        if (!awake)
            return EX_CHOOSE_BLOCKED;
        grow(d);
        n = &d->nodes[d->count++];
        int pick =
            c->current >= 0 && (awake >> c->current & 1) ? c->current : __builtin_ctzll(awake);
        *n = (dpor_node){c->enabled,  1ull << pick,       1ull << pick, d->sleep,
                         d->preempts, (int8_t)c->current, (uint8_t)pick};
    }
    int p = n->chosen;
    d->preempts = n->preempts_before + (n->current >= 0 && p != n->current);
    access a =
        access_of(&c->threads[p].pending, c->timeouts >> p & 1, c->clock_moves, c->timing_agnostic);
    record_event(d, i, p, a, c, i + 1 < d->count);
    if (i + 1 < d->count) /* inside the replayed prefix: the next sleep set is known */
        d->sleep = d->nodes[i + 1].sleep;
    else /* threads tried here before p sleep below, until something dependent runs */
        d->sleep = sleep_after(n->sleep | (n->done & ~(1ull << p)), p, a, c);
    return p;
}

/* Threads that never got to run their pending step race like any other step. */
static void dpor_end(ex_strategy *self, const ex_choice *c) {
    dpor *d = (dpor *)self;
    widen(d, c->thread_count);
    for (int p = 0; p < c->thread_count; p++) {
        if (c->threads[p].state != EX_T_LIVE)
            continue;
        access a = pending_access(c, p);
        int n = granules_of(d, a, c->thread_count);
        granule **g = d->touched;
        races_of(d, p, a, g, n, c->thread_count);
    }
}

static bool dpor_next(ex_strategy *self) {
    dpor *d = (dpor *)self;
    d->depth = 0;
    d->sleep = 0;
    d->generation++;
    d->granule_count = 0;
    d->width = 0;
    d->preempts = 0;
    d->any_global = false;
    if (!d->started) {
        d->started = true;
        return true;
    }
    while (d->count) {
        dpor_node *n = &d->nodes[d->count - 1];
        uint64_t todo = within_bound(d, n, n->backtrack & ~n->done & ~n->sleep);
        if (todo) {
            n->chosen = (uint8_t)__builtin_ctzll(todo);
            n->done |= 1ull << n->chosen;
            return true;
        }
        d->count--;
    }
    return false;
}

static void dpor_destroy(ex_strategy *self) {
    dpor *d = (dpor *)self;
    free(d->nodes);
    free(d->events);
    free(d->granules);
    free(d->touched);
    free(d);
}

/* With a preemption bound the reduction is cut at the bound: alternatives past it are
 * dropped, which can lose schedules within the bound too (a known limit of combining the
 * two naively): the search finds bugs fast but proves nothing. */
ex_strategy *ex_strategy_dpor_new(int preemption_bound) {
    dpor *d = calloc(1, sizeof *d);
    d->base = (ex_strategy){.name = preemption_bound < 0 ? "dpor" : "dpor (preemption-bounded)",
                            .exhaustive = preemption_bound < 0,
                            .next_execution = dpor_next,
                            .choose = dpor_choose,
                            .end_execution = dpor_end,
                            .destroy = dpor_destroy};
    d->bound = preemption_bound;
    return &d->base;
}
