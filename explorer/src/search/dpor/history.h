/* The happens-before history of the search path, for DPOR: each step's vector clock, each
 * thread's latest steps, and per granule of memory (or lock, thread, stdout) the latest
 * steps that touched it. Recording a step logs what it overwrote, so backtracking undoes
 * the steps past the branching point and a replayed prefix costs nothing here.
 *
 * Clocks are joined along every dependence (dependence.h) -- for a global step, at each
 * later step after that step's race check, so two timeouts that could fire in either order
 * still race; a started thread begins with its starter's clock. */
#ifndef EXPLORER_HISTORY_H
#define EXPLORER_HISTORY_H

#include "search/dependence.h"
#include "util/table.h"

typedef struct ex_hstep {
    ex_access a;
    size_t vc;         /* its vector clock: h->vcs[vc, vc + width) */
    size_t undo_begin; /* its entries in h->undo */
    uint32_t clock;    /* the thread's own entry */
    uint8_t thread, width;
    bool timed; /* enabled only by its deadline: a timeout firing, a sleep ending */
} ex_hstep;

typedef struct ex_granule {
    uintptr_t key;
    int width;           /* threads whose entries below are set */
    bool released;       /* some step has released it (kept on undo: then only a hint) */
    int64_t last_writer; /* the latest write or release by any thread, -1 none */
    struct {             /* per thread (together: one cache line for a few) */
        int64_t write;   /* its latest write (not release), -1 none */
        int64_t access;  /* its latest read or write */
        int64_t release; /* its latest release */
    } of[EX_MAX_THREADS];
} ex_granule;

typedef struct ex_undo {
    int64_t *slot; /* granules never move, so a pointer stays valid */
    int64_t old;
} ex_undo;

typedef struct ex_history {
    ex_hstep *steps;
    size_t count, capacity; /* steps recorded: the path's first `count` */
    uint32_t *vcs;
    size_t vcs_capacity;
    ex_arena granule_space; /* the granules, which never move; found through `index` */
    ex_granule *granules;
    ex_table index;     /* by key: the granules (index.count of them) */
    uint32_t recent[8]; /* granule index + 1 of keys found lately, by recent_slot(); 0 none */
    uint32_t *touched;  /* the granules of the step in hand */
    size_t touched_capacity;
    ex_undo *undo;
    size_t undo_count, undo_capacity;
    int64_t last_step[EX_MAX_THREADS];   /* per thread: its latest step, -1 none */
    int64_t last_global[EX_MAX_THREADS]; /* per thread: its latest global step */
    int64_t start_step[EX_MAX_THREADS];  /* per thread: the step that started it */
    int64_t latest_global;               /* the latest global step of all */
    uint32_t zero[EX_MAX_THREADS];
} ex_history;

bool ex_history_init(ex_history *h); /* false: its address space could not be reserved */
void ex_history_reserve_error(char *buf, size_t len); /* ... the message, errno set */
void ex_history_free(ex_history *h);

/* Where key goes in `recent`: the slot hash, so that the few objects of a scenario do not
 * share a slot by the accident of their addresses' low bits. */
static inline unsigned ex_history_recent_slot(uintptr_t key) {
    return (unsigned)ex_slot_hash(key, 61);
}

/* The granule `key` if it was found lately with entries for `threads` threads: its index
 * + 1, else 0. */
static inline uint32_t ex_history_recent(const ex_history *h, uintptr_t key, int threads) {
    uint32_t seen = h->recent[ex_history_recent_slot(key)];
    return seen && h->granules[seen - 1].key == key && h->granules[seen - 1].width >= threads ? seen
                                                                                              : 0;
}

/* The granules `a` touches, in h->touched: every one, however wide the access. (Inline for
 * the usual case: one granule, found lately. By pointer: its fields were just stored one by
 * one, and a load of the whole struct would wait for them to reach the cache.) */
int ex_history_touch_any(ex_history *h, const ex_access *a, int threads);
static inline int ex_history_touch(ex_history *h, const ex_access *a, int threads) {
    if (a->mode != READ && a->mode != WRITE)
        return 0;
    uint32_t seen = a->count == 1 ? ex_history_recent(h, a->first, threads) : 0;
    if (!seen)
        return ex_history_touch_any(h, a, threads);
    h->touched[0] = seen - 1; /* (a granule exists: touched has room) */
    return 1;
}

/* Thread p's latest step, or the step that started it, or -1. */
static inline int64_t ex_history_latest(const ex_history *h, int p) {
    return h->last_step[p] >= 0 ? h->last_step[p] : h->start_step[p];
}

/* Thread p's clock before its next step (`width` entries; the others are 0). */
static inline const uint32_t *ex_history_prior(const ex_history *h, int p, int *width) {
    int64_t s = ex_history_latest(h, p);
    *width = s >= 0 ? h->steps[s].width : 0;
    return s >= 0 ? h->vcs + h->steps[s].vc : h->zero;
}

/* Records step i (== h->count) by thread p: `a` touched h->touched[0, n). */
void ex_history_record(ex_history *h, int p, const ex_access *a, int n, int threads, bool timed);

/* Undoes the steps from `from` on. */
void ex_history_undo(ex_history *h, size_t from);

/* Step e happens before the later step f. */
static inline bool ex_history_before(const ex_history *h, int64_t e, int64_t f) {
    const ex_hstep *x = &h->steps[e], *y = &h->steps[f];
    return x->thread == y->thread ||
           (x->thread < y->width && h->vcs[y->vc + x->thread] >= x->clock);
}

#endif
