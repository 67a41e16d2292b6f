/* What of the graph is drawn: its states numbered breadth-first from the start (so the
 * numbering is the same in every run), the --schedule path, --only-violations and
 * --collapse. */
#ifndef EXPLORER_GRAPH_VIEW_H
#define EXPLORER_GRAPH_VIEW_H

#include "analysis/graph/builder.h"

typedef struct ex_graph_view {       /* zeroed: empty */
    uint32_t *out_first, *out_steps; /* steps leaving s: out_steps[out_first[s]..[s+1]) */
    uint32_t *by_rank;               /* the states breadth-first from the start */
    bool *keep, *merged;             /* kept by --only-violations; merged by --collapse */
    bool *path_state, *path_step;    /* on the --schedule path */
    uint32_t *in, *out, *in_step;    /* kept steps into and out of each state */
    uint32_t *number;                /* drawn states are named s<number>; EX_FP_NONE: not */
    size_t nodes, edges;
} ex_graph_view;

/* First: the steps leaving each state, in thread order, and the states breadth-first. */
void ex_graph_view_order(const ex_graph_builder *b, ex_graph_view *v);
/* Then: marks the path through the states with fingerprints path[0, path_len) (none:
 * nothing marked); false (and `err`) if it leaves the graph. */
bool ex_graph_view_mark_path(const ex_graph_builder *b, ex_graph_view *v, const ex_fp *path,
                             size_t path_len, char *err, size_t errlen);
/* Last: what is kept and merged, and the numbers of the states drawn. */
void ex_graph_view_filter(const ex_graph_builder *b, ex_graph_view *v, bool only_violations,
                          bool collapse);
/* The only kept step out of s (when v->out[s] == 1). */
uint32_t ex_graph_view_only_step_out(const ex_graph_builder *b, const ex_graph_view *v, uint32_t s);
void ex_graph_view_free(ex_graph_view *v);

#endif
