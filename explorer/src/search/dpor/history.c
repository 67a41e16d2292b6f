/* The happens-before history of the search path, with undo (see history.h). */
#include "search/dpor/history.h"
#include "search/dependence.h"
#include "util/arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Address space for the granules: reserved, not committed (each is about 1.5 KB). */
#define GRANULE_SPACE ((size_t)32 << 30)

bool ex_history_init(ex_history *h) {
    *h = (ex_history){.latest_global = -1};
    if (!ex_arena_init(&h->granule_space, GRANULE_SPACE))
        return false;
    h->granules = (ex_granule *)(void *)h->granule_space.base;
    ex_table_init(&h->index, 32);
    for (int t = 0; t < EX_MAX_THREADS; t++)
        h->last_step[t] = h->last_global[t] = h->start_step[t] = -1;
    return true;
}

void ex_history_reserve_error(char *buf, size_t len) {
    ex_reserve_error(buf, len, "DPOR's history", GRANULE_SPACE);
}

void ex_history_free(ex_history *h) {
    free(h->steps);
    free(h->vcs);
    ex_arena_destroy(&h->granule_space);
    ex_table_free(&h->index);
    free(h->touched);
    free(h->undo);
}

/* Sets `*slot` to `value`, logging the old value at *log for undo (the caller reserved the
 * room and stores the log's new end: a slot could alias h's own counters). */
static inline void set(ex_undo **log, int64_t *slot, int64_t value) {
    *(*log)++ = (ex_undo){slot, *slot};
    *slot = value;
}

void ex_history_undo(ex_history *h, size_t from) {
    if (from >= h->count)
        return;
    size_t begin = h->steps[from].undo_begin;
    const ex_undo *undo = h->undo; /* (locals: no slot is one of these counters) */
    for (size_t k = h->undo_count; k > begin; k--)
        *undo[k - 1].slot = undo[k - 1].old;
    h->undo_count = begin;
    h->count = from;
}

static bool same_key(const void *granules, uint32_t g, const void *key) {
    return ((const ex_granule *)granules)[g].key == *(const uintptr_t *)key;
}

/* A new granule for `key`, indexed at `slot`. */
static uint32_t add_granule(ex_history *h, ex_slot *slot, uintptr_t key) {
    if ((h->index.count + 1) * sizeof(ex_granule) > h->granule_space.reserved) {
        fprintf(stderr,
                "explorer: DPOR's history is full: more than %zu distinct 8-byte "
                "blocks of memory touched in one search\n",
                h->granule_space.reserved / sizeof(ex_granule));
        abort();
    }
    uint32_t g = ex_table_add(&h->index, slot, key);
    h->granules[g] = (ex_granule){.key = key, .last_writer = -1};
    return g;
}

/* The granule `key`, its per-thread entries valid for `threads` threads. */
static uint32_t granule_of(ex_history *h, uintptr_t key, int threads) {
    uint32_t seen = ex_history_recent(h, key, threads); /* steps touch few, over and over */
    if (seen)
        return seen - 1;
    ex_table_reserve(&h->index);
    ex_slot *slot = ex_table_find(&h->index, key, same_key, h->granules, &key);
    uint32_t index = slot->item ? slot->item - 1 : add_granule(h, slot, key);
    ex_granule *g = &h->granules[index];
    for (; g->width < threads; g->width++)
        g->of[g->width].write = g->of[g->width].access = g->of[g->width].release = -1;
    h->recent[ex_history_recent_slot(key)] = index + 1;
    return index;
}

int ex_history_touch_any(ex_history *h, const ex_access *a, int threads) {
    if (a->mode != READ && a->mode != WRITE)
        return 0;
    size_t n = a->count;
    h->touched = ex_grow(h->touched, &h->touched_capacity, n, sizeof *h->touched);
    for (size_t k = 0; k < n; k++)
        h->touched[k] = granule_of(h, a->first + k, threads);
    return (int)n;
}

/* vc = max(vc, step s's clock); s < 0: none. A step vc knows of already adds nothing: vc
 * knows a later step of its thread then, and so all that s knew. (A step's clock has no
 * more entries than there are threads now: threads only come, during an execution.) */
static inline __attribute__((always_inline)) void join_step(const ex_history *h, uint32_t *vc,
                                                            int64_t s) {
    if (s < 0 || vc[h->steps[s].thread] >= h->steps[s].clock)
        return;
    const uint32_t *from = h->vcs + h->steps[s].vc;
    for (int t = 0, width = h->steps[s].width; t < width; t++)
        vc[t] = from[t] > vc[t] ? from[t] : vc[t];
}

/* Thread p's clock at its step `a`: after everything `a` depends on. */
static inline __attribute__((always_inline)) void
clock_of(const ex_history *h, int p, const ex_access *a, int n, int threads, uint32_t *vc) {
    int width;
    const uint32_t *prior = ex_history_prior(h, p, &width);
    for (int t = 0; t < width; t++) /* (loops: memcpy's start-up costs more here) */
        vc[t] = prior[t];
    for (int t = width; t < threads; t++)
        vc[t] = 0;
    for (int q = 0; a->mode == GLOBAL && q < threads; q++) /* after all that came before */
        join_step(h, vc, ex_history_latest(h, q));
    join_step(h, vc, h->latest_global); /* and all after it is after it */
    for (int k = 0; k < n; k++) {
        const ex_granule *g = &h->granules[h->touched[k]];
        int64_t writer = g->last_writer;
        join_step(h, vc, writer);
        for (int q = 0; a->mode == WRITE && q < g->width; q++)
            if (g->of[q].access > writer) /* the reads since */
                join_step(h, vc, g->of[q].access);
    }
    vc[p]++;
}

static inline __attribute__((always_inline)) void
update_granule(ex_undo **log, ex_granule *g, int p, const ex_access *a, int64_t i) {
    if (a->mode == WRITE)
        set(log, &g->last_writer, i);
    if (a->lock == RELEASE) {
        g->released = true;
        set(log, &g->of[p].release, i);
        return;
    }
    if (a->mode == WRITE)
        set(log, &g->of[p].write, i);
    set(log, &g->of[p].access, i);
}

void ex_history_record(ex_history *h, int p, const ex_access *a, int n, int threads, bool timed) {
    size_t i = h->count;
    h->steps = ex_grow(h->steps, &h->capacity, i + 1, sizeof *h->steps);
    size_t at = i ? h->steps[i - 1].vc + h->steps[i - 1].width : 0;
    h->vcs = ex_grow(h->vcs, &h->vcs_capacity, at + (size_t)threads, sizeof *h->vcs);
    size_t undo_begin = h->undo_count;
    h->undo = ex_grow(h->undo, &h->undo_capacity, undo_begin + 5 + 4 * (size_t)n, sizeof *h->undo);
    uint32_t *vc = h->vcs + at;
    clock_of(h, p, a, n, threads, vc);
    h->steps[i] = (ex_hstep){*a, at, undo_begin, vc[p], (uint8_t)p, (uint8_t)threads, timed};
    h->count = i + 1;
    ex_undo *log = h->undo + undo_begin;
    int64_t step = (int64_t)i;
    set(&log, &h->last_step[p], step);
    for (int k = 0; k < n; k++)
        update_granule(&log, &h->granules[h->touched[k]], p, a, step);
    if (a->mode == GLOBAL) {
        set(&log, &h->last_global[p], step);
        set(&log, &h->latest_global, step);
    }
    if (a->started >= 0)
        set(&log, &h->start_step[a->started], step);
    h->undo_count = (size_t)(log - h->undo);
}
