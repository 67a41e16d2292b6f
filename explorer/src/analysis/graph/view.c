/* What of the graph is drawn, and how (view.h): the states in breadth-first order, the
 * --schedule path marked, --only-violations and --collapse applied, the drawn states
 * numbered. */
#include "analysis/graph/view.h"

#include "analysis/graph/alloc.h"

#include <stdio.h>
#include <stdlib.h>

/* The steps leaving each state, in thread order. */
static void index_steps(const ex_graph_builder *b, ex_graph_view *v) {
    v->out_first = ex_graph_zeroed(b->state_count + 1, sizeof *v->out_first);
    v->out_steps = ex_graph_zeroed(b->step_count, sizeof *v->out_steps);
    for (size_t i = 0; i < b->step_count; i++)
        v->out_first[b->steps[i].from + 1]++;
    for (size_t s = 0; s < b->state_count; s++)
        v->out_first[s + 1] += v->out_first[s];
    uint32_t *fill = ex_graph_zeroed(b->state_count, sizeof *fill);
    for (size_t i = 0; i < b->step_count; i++) {
        uint32_t s = b->steps[i].from, k = v->out_first[s] + fill[s]++;
        while (k > v->out_first[s] && b->steps[v->out_steps[k - 1]].thread > b->steps[i].thread) {
            v->out_steps[k] = v->out_steps[k - 1];
            k--;
        }
        v->out_steps[k] = (uint32_t)i;
    }
    free(fill);
}

/* Breadth-first from the start, each state's steps in thread order: every step adds one
 * step to the depth, so this orders the states by depth, the same way in every run. */
static void rank_states(const ex_graph_builder *b, ex_graph_view *v) {
    bool *seen = ex_graph_zeroed(b->state_count, sizeof *seen);
    v->by_rank = ex_graph_zeroed(b->state_count, sizeof *v->by_rank);
    size_t n = 1;
    seen[0] = true;
    for (size_t r = 0; r < n; r++) {
        uint32_t s = v->by_rank[r];
        for (uint32_t k = v->out_first[s]; k < v->out_first[s + 1]; k++) {
            uint32_t to = b->steps[v->out_steps[k]].to;
            if (!seen[to]) {
                seen[to] = true;
                v->by_rank[n++] = to;
            }
        }
    }
    for (uint32_t s = 0; s < b->state_count; s++) /* none, unless something is wrong */
        if (!seen[s])
            v->by_rank[n++] = s;
    free(seen);
}

void ex_graph_view_order(const ex_graph_builder *b, ex_graph_view *v) {
    index_steps(b, v);
    rank_states(b, v);
}

bool ex_graph_view_mark_path(const ex_graph_builder *b, ex_graph_view *v, const ex_fp *path,
                             size_t path_len, char *err, size_t errlen) {
    v->path_state = ex_graph_zeroed(b->state_count, sizeof *v->path_state);
    v->path_step = ex_graph_zeroed(b->step_count, sizeof *v->path_step);
    uint32_t prev = EX_FP_NONE;
    for (size_t k = 0; k < path_len; k++) {
        uint32_t s = ex_graph_state_with(b, path[k]);
        if (s == EX_FP_NONE) {
            snprintf(err, errlen,
                     "the schedule's execution leaves the graph after %zu steps (give the "
                     "same -p values and options it was found with)",
                     k ? k - 1 : 0);
            return false;
        }
        v->path_state[s] = true;
        if (prev != EX_FP_NONE) {
            uint32_t i = ex_graph_step_between(b, prev, s);
            if (i != EX_FP_NONE)
                v->path_step[i] = true;
        }
        prev = s;
    }
    return true;
}

/* --only-violations keeps the states a violation can be reached from, the start and the
 * --schedule path; then counts the kept steps into and out of each state. */
static void keep_states(const ex_graph_builder *b, ex_graph_view *v, bool only_violations) {
    v->keep = ex_graph_zeroed(b->state_count, sizeof *v->keep);
    for (size_t r = b->state_count; r-- > 0;) {
        uint32_t s = v->by_rank[r];
        bool keep = !only_violations || ex_graph_is_violation(b, s) || s == 0 || v->path_state[s];
        for (uint32_t k = v->out_first[s]; k < v->out_first[s + 1] && !keep; k++)
            keep = v->keep[b->steps[v->out_steps[k]].to];
        v->keep[s] = keep;
    }
    v->in = ex_graph_zeroed(b->state_count, sizeof *v->in);
    v->out = ex_graph_zeroed(b->state_count, sizeof *v->out);
    v->in_step = ex_graph_zeroed(b->state_count, sizeof *v->in_step);
    for (uint32_t i = 0; i < b->step_count; i++) {
        const ex_graph_step *e = &b->steps[i];
        if (v->keep[e->from] && v->keep[e->to]) {
            v->out[e->from]++;
            v->in[e->to]++;
            v->in_step[e->to] = i;
        }
    }
}

uint32_t ex_graph_view_only_step_out(const ex_graph_builder *b, const ex_graph_view *v,
                                     uint32_t s) {
    for (uint32_t k = v->out_first[s]; k < v->out_first[s + 1]; k++)
        if (v->keep[b->steps[v->out_steps[k]].to])
            return v->out_steps[k];
    return EX_FP_NONE;
}

/* --collapse merges away each state other than the start and the final ones that has
 * exactly one kept step in and one out, both by the same thread: in every explored
 * execution that reaches it, that thread moves on and nothing else can happen there. */
static void collapse_states(const ex_graph_builder *b, ex_graph_view *v, bool collapse) {
    v->merged = ex_graph_zeroed(b->state_count, sizeof *v->merged);
    v->number = ex_graph_zeroed(b->state_count, sizeof *v->number);
    for (uint32_t s = 1; collapse && s < b->state_count; s++) {
        if (!v->keep[s] || b->states[s].outcome >= 0 || v->in[s] != 1 || v->out[s] != 1)
            continue;
        uint32_t next = ex_graph_view_only_step_out(b, v, s);
        v->merged[s] = b->steps[v->in_step[s]].thread == b->steps[next].thread;
    }
    for (size_t r = 0; r < b->state_count; r++) {
        uint32_t s = v->by_rank[r];
        v->number[s] = v->keep[s] && !v->merged[s] ? (uint32_t)v->nodes++ : EX_FP_NONE;
    }
}

void ex_graph_view_filter(const ex_graph_builder *b, ex_graph_view *v, bool only_violations,
                          bool collapse) {
    keep_states(b, v, only_violations);
    collapse_states(b, v, collapse);
}

void ex_graph_view_free(ex_graph_view *v) {
    free(v->out_first);
    free(v->out_steps);
    free(v->by_rank);
    free(v->keep);
    free(v->merged);
    free(v->path_state);
    free(v->path_step);
    free(v->in);
    free(v->out);
    free(v->in_step);
    free(v->number);
}
