/* Happens-before of one recorded execution, for the graph (happens_before.h): dense vector
 * clocks joined along program order, starts and every dependence. */
#include "analysis/graph/happens_before.h"

#include "analysis/graph/alloc.h"
#include "analysis/vector_clock.h"
#include "search/dependence.h"

#include <string.h>

/* Whether `a` has granules: a read or a write of memory or of an object. */
static bool has_granules(ex_access a) {
    return a.mode == READ || a.mode == WRITE;
}

static void hb_reserve(ex_graph_hb *h, const ex_event *ev, size_t n, bool agnostic) {
    int threads = 1;
    size_t spans = 0;
    for (size_t i = 0; i < n; i++) {
        threads = ev[i].thread + 1 > threads ? ev[i].thread + 1 : threads;
        threads = ev[i].target + 1 > threads ? ev[i].target + 1 : threads;
        ex_access a = ex_event_access(&ev[i], agnostic);
        spans += has_granules(a) ? a.count : 0;
    }
    h->n = n;
    h->threads = threads;
    size_t t = (size_t)threads;
    if (n > h->capacity) {
        h->capacity = n;
        h->local = ex_graph_resize(h->local, n, sizeof *h->local);
        h->order = ex_graph_resize(h->order, n, sizeof *h->order);
        h->hash = ex_graph_resize(h->hash, n, sizeof *h->hash);
    }
    h->vc = ex_graph_resize(h->vc, n * t, sizeof *h->vc);
    h->clocks = ex_graph_resize(h->clocks, t * t, sizeof *h->clocks);
    memset(h->clocks, 0, t * t * sizeof *h->clocks);
    if (spans > h->granule_capacity)
        h->granule_capacity = spans;
    h->granule_clocks =
        ex_graph_resize(h->granule_clocks, h->granule_capacity * 2 * t, sizeof(uint32_t));
    ex_fpmap_clear(&h->granules);
}

/* The clocks (write, reads) of granule `key`, zeroed when first touched. */
static uint32_t *granule_clock(ex_graph_hb *h, uintptr_t key) {
    size_t width = 2 * (size_t)h->threads;
    ex_fp k = {key, 0x5EED};
    uint32_t id = ex_fpmap_get(&h->granules, k);
    if (id == EX_FP_NONE) {
        id = (uint32_t)h->granules.index.count;
        ex_fpmap_put(&h->granules, k, id);
        memset(h->granule_clocks + id * width, 0, width * sizeof(uint32_t));
    }
    return h->granule_clocks + id * width;
}

/* Joins into `vc` what a step that touched `a` must come after. */
static void hb_sources(ex_graph_hb *h, ex_access a, uint32_t *vc, const uint32_t *global_vc) {
    int t = h->threads;
    for (int q = 0; a.mode == GLOBAL && q < t; q++)
        ex_vc_join(vc, h->clocks + (size_t)q * (size_t)t, t);
    if (global_vc) /* a thread's begin too: a global step orders all before and after it */
        ex_vc_join(vc, global_vc, t);
    for (uintptr_t g = a.first; has_granules(a) && g < a.first + a.count; g++) {
        uint32_t *gc = granule_clock(h, g);
        ex_vc_join(vc, gc, t);
        if (a.mode == WRITE)
            ex_vc_join(vc, gc + t, t);
    }
}

static void hb_record(ex_graph_hb *h, ex_access a, const uint32_t *vc) {
    int t = h->threads;
    for (uintptr_t g = a.first; has_granules(a) && g < a.first + a.count; g++) {
        uint32_t *gc = granule_clock(h, g);
        if (a.mode == WRITE) {
            memcpy(gc, vc, (size_t)t * sizeof *gc);
            memset(gc + t, 0, (size_t)t * sizeof *gc);
        } else {
            ex_vc_join(gc + t, vc, t);
        }
    }
}

static ex_fp step_hash(const ex_search *s, const ex_event *e, uint32_t local, const uint32_t *vc,
                       int threads) {
    ex_fp f = {0x243F6A8885A308D3ull, 0x13198A2E03707344ull};
    ex_fp_mix(&f, (uint64_t)e->thread << 32 | local);
    ex_fp_mix_step(&f, e, ex_search_object_key(s, e));
    for (int u = 0; u < threads; u++)
        if (vc[u])
            ex_fp_mix(&f, (uint64_t)u << 32 | vc[u]);
    return f;
}

/* h->order and h->first: the steps grouped by thread, `count` of each. */
static void group_by_thread(ex_graph_hb *h, const ex_event *ev, const uint32_t *count) {
    h->first[0] = 0;
    for (int u = 0; u < h->threads; u++)
        h->first[u + 1] = h->first[u] + count[u];
    uint32_t next[EX_MAX_THREADS];
    memcpy(next, h->first, sizeof next);
    for (size_t i = 0; i < h->n; i++)
        h->order[next[ev[i].thread]++] = (uint32_t)i;
}

void ex_graph_hb_compute(ex_graph_hb *h, const ex_search *s, const ex_event *ev, size_t n,
                         bool agnostic) {
    hb_reserve(h, ev, n, agnostic);
    int t = h->threads;
    uint32_t count[EX_MAX_THREADS] = {0};
    const uint32_t *global_vc = NULL;
    for (size_t i = 0; i < n; i++) {
        const ex_event *e = &ev[i];
        uint32_t *vc = h->vc + i * (size_t)t, *own = h->clocks + (size_t)e->thread * (size_t)t;
        ex_access a = ex_event_access(e, agnostic);
        memcpy(vc, own, (size_t)t * sizeof *vc);
        hb_sources(h, a, vc, global_vc);
        vc[e->thread]++;
        memcpy(own, vc, (size_t)t * sizeof *vc);
        hb_record(h, a, vc);
        if (a.mode == GLOBAL)
            global_vc = vc;
        if (a.started >= 0) /* the thread starts from here */
            ex_vc_join(h->clocks + (size_t)a.started * (size_t)t, vc, t);
        h->local[i] = count[e->thread]++;
        h->hash[i] = step_hash(s, e, h->local[i], vc, t);
    }
    group_by_thread(h, ev, count);
}

void ex_graph_hb_free(ex_graph_hb *h) {
    free(h->vc);
    free(h->local);
    free(h->order);
    free(h->hash);
    free(h->clocks);
    free(h->granule_clocks);
    ex_fpmap_free(&h->granules);
}
