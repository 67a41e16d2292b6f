/* Happens-before of one recorded execution, as the graph orders its steps: program order, a
 * thread's start before its first step, and every dependence of dependence.h (a common
 * granule with a write; the same lock, semaphore, event, thread object; stdout), with
 * "global" steps -- a sleep ending, a timeout firing, MainThread's exit -- after all that
 * came before them and before every later step, a thread's begin included. Dense vector
 * clocks, one per step, and each step's 128-bit hash: its identity across executions.
 *
 * This is not race.c's relation, and cannot be: conflicting memory accesses order each
 * other here (two schedules that swap them reach different states), where race detection
 * orders steps by synchronisation only, so that such accesses can be found unordered (it
 * also leaves out prints, queries and virtual time, and orders a lock's steps only from a
 * release to the next acquire). The two share the vector-clock machinery (vector_clock.h). */
#ifndef EXPLORER_GRAPH_HAPPENS_BEFORE_H
#define EXPLORER_GRAPH_HAPPENS_BEFORE_H

#include "analysis/graph/fingerprint.h"
#include "execution/runtime.h"

/* The steps of one execution with their vector clocks: vc[i * threads + u] is how many of
 * thread u's steps happen before step i (step i itself included). Zeroed: empty. */
typedef struct ex_graph_hb {
    size_t n, capacity;
    int threads;
    uint32_t *vc, *local, *order;       /* order: the steps grouped by thread */
    uint32_t first[EX_MAX_THREADS + 1]; /* thread t's steps: order[first[t] .. first[t+1]) */
    ex_fp *hash;              /* each step's: its thread, its index there, what it did, its clock */
    uint32_t *clocks;         /* threads x threads: each thread's current clock */
    uint32_t *granule_clocks; /* per granule: last write's clock, then reads' since */
    size_t granule_capacity;
    ex_fpmap granules;
} ex_graph_hb;

/* Vector clocks, per-thread order and hashes of the steps of one execution, which `s` ran.
 * `agnostic`: the search was timing-agnostic. */
void ex_graph_hb_compute(ex_graph_hb *h, const ex_search *s, const ex_event *ev, size_t n,
                         bool agnostic);
void ex_graph_hb_free(ex_graph_hb *h);

/* Whether step i (of thread u) can follow the prefix that holds counts[q] steps of each
 * thread q: all it comes after is in. */
static inline bool ex_graph_hb_can_follow(const ex_graph_hb *h, uint32_t i, const uint32_t *counts,
                                          int u) {
    const uint32_t *vc = h->vc + (size_t)i * (size_t)h->threads;
    for (int q = 0; q < h->threads; q++)
        if (q != u && vc[q] > counts[q])
            return false;
    return true;
}

#endif
