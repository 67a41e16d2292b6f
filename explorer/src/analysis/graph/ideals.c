/* The ideals of one execution (ideals.h), depth-first from the empty one: an ideal grows
 * by a thread's next step once everything that step comes after is in. */
#include "analysis/graph/ideals.h"

#include "analysis/graph/alloc.h"

#include <string.h>

static void push_ideal(ex_graph_ideals *x, int threads, ex_fp key, uint32_t depth,
                       const uint32_t *counts) {
    size_t t = (size_t)threads;
    if (x->len == x->capacity) {
        x->capacity = x->capacity ? x->capacity * 2 : 256;
        x->keys = ex_graph_resize(x->keys, x->capacity, sizeof *x->keys);
        x->depths = ex_graph_resize(x->depths, x->capacity, sizeof(uint32_t));
    }
    if ((x->len + 1) * t > x->counts_capacity) {
        x->counts_capacity = (x->len + 1) * t * 2;
        x->counts = ex_graph_resize(x->counts, x->counts_capacity, sizeof(uint32_t));
    }
    x->keys[x->len] = key;
    x->depths[x->len] = depth;
    memcpy(x->counts + x->len * t, counts, t * sizeof *counts);
    x->len++;
    ex_fpmap_put(&x->visited, key, 0);
}

/* One execution's enumeration in hand. */
typedef struct walk {
    ex_graph_ideals *x;
    ex_graph_builder *b;
    const ex_graph_hb *h;
    ex_search *s;
    const ex_event *ev;
} walk;

/* Expands one ideal: a step to every ideal one step larger. False past max_nodes. */
static bool expand(const walk *w, ex_fp key, uint32_t depth, uint32_t *c) {
    const ex_graph_hb *h = w->h;
    uint32_t from = ex_graph_state_of(w->b, key, depth);
    if (from == EX_FP_NONE)
        return false;
    for (int u = 0; u < h->threads; u++) {
        if (c[u] == h->first[u + 1] - h->first[u])
            continue;
        uint32_t i = h->order[h->first[u] + c[u]];
        if (!ex_graph_hb_can_follow(h, i, c, u))
            continue;
        ex_fp next = ex_fp_add(key, h->hash[i]);
        uint32_t to = ex_graph_state_of(w->b, next, depth + 1);
        if (to == EX_FP_NONE)
            return false;
        ex_graph_add_step(w->b, w->s, from, to, &w->ev[i]);
        if (ex_fpmap_get(&w->x->visited, next) == EX_FP_NONE) {
            c[u]++;
            push_ideal(w->x, h->threads, next, depth + 1, c);
            c[u]--;
        }
    }
    return true;
}

uint32_t ex_graph_add_ideals(ex_graph_ideals *x, ex_graph_builder *b, const ex_graph_hb *h,
                             ex_search *s, const ex_event *ev) {
    walk w = {x, b, h, s, ev};
    uint32_t counts[EX_MAX_THREADS] = {0};
    size_t t = (size_t)h->threads;
    ex_fpmap_clear(&x->visited);
    x->len = 0;
    push_ideal(x, h->threads, (ex_fp){0, 0}, 0, counts);
    while (x->len) {
        size_t top = --x->len;
        memcpy(counts, x->counts + top * t, t * sizeof *counts);
        if (!expand(&w, x->keys[top], x->depths[top], counts))
            return EX_FP_NONE;
    }
    ex_fp all = {0, 0};
    for (size_t i = 0; i < h->n; i++)
        all = ex_fp_add(all, h->hash[i]);
    return ex_graph_state_of(b, all, (uint32_t)h->n);
}

void ex_graph_ideals_free(ex_graph_ideals *x) {
    ex_fpmap_free(&x->visited);
    free(x->keys);
    free(x->depths);
    free(x->counts);
}
