/* The ideals of one recorded execution -- the sets of its steps closed under happens-before
 * -- added to the graph as states, each with a step to every ideal one step larger. */
#ifndef EXPLORER_GRAPH_IDEALS_H
#define EXPLORER_GRAPH_IDEALS_H

#include "analysis/graph/builder.h"
#include "analysis/graph/happens_before.h"

/* The enumeration's working memory, kept from one execution to the next. Zeroed: empty. */
typedef struct ex_graph_ideals {
    ex_fpmap visited; /* ideals of the execution in hand already pushed */
    ex_fp *keys;      /* ideals still to expand: fingerprint, depth, per-thread counts */
    uint32_t *depths, *counts;
    size_t len, capacity, counts_capacity;
} ex_graph_ideals;

/* Every ideal of the execution `ev`, whose happens-before is `h`, into `b` with its steps
 * (what they did from `s`, which ran it); the final state, or EX_FP_NONE once the graph
 * grew past its max_nodes. */
uint32_t ex_graph_add_ideals(ex_graph_ideals *x, ex_graph_builder *b, const ex_graph_hb *h,
                             ex_search *s, const ex_event *ev);
void ex_graph_ideals_free(ex_graph_ideals *x);

#endif
