/* The observers that build the graph from a search: each explored execution's ideals into
 * the graph; for --schedule, the replayed execution's prefixes, as fingerprints. */
#ifndef EXPLORER_GRAPH_RECORDER_H
#define EXPLORER_GRAPH_RECORDER_H

#include "analysis/graph/builder.h"
#include "analysis/graph/happens_before.h"
#include "analysis/graph/ideals.h"

typedef struct ex_graph_recorder { /* zeroed, with agnostic and graph.max_nodes: empty */
    bool agnostic;                 /* the searches are timing-agnostic */
    ex_graph_builder graph;
    ex_graph_hb hb; /* of the execution in hand */
    ex_graph_ideals ideals;
    ex_fp *path; /* --schedule: the fingerprints of its execution's prefixes */
    size_t path_len;
} ex_graph_recorder;

/* ex_observers, `user` an ex_graph_recorder. ex_graph_record adds the execution to the
 * graph (and stops the search once the graph grows past max_nodes); ex_graph_record_path
 * notes the execution's path. */
void ex_graph_record(void *user, ex_search *s, const ex_event *ev, size_t n, ex_status status,
                     const char *output, unsigned preemptions);
void ex_graph_record_path(void *user, ex_search *s, const ex_event *ev, size_t n, ex_status status,
                          const char *output, unsigned preemptions);
void ex_graph_recorder_free(ex_graph_recorder *r);

#endif
