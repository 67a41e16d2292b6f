/* What each step of the graph did, as its edge's label ("balance ← 5 (line 15)", without
 * its thread), each text once: steps that did the same share it. */
#ifndef EXPLORER_GRAPH_LABELS_H
#define EXPLORER_GRAPH_LABELS_H

#include "analysis/graph/fingerprint.h"

typedef struct ex_graph_labels { /* zeroed: none */
    char **text;
    size_t count;
    ex_fpmap index;   /* what a step did -> its label */
    char source[128]; /* the first source file seen: its lines read "line N" */
} ex_graph_labels;

/* The label of step `e` of the execution `s` shows (made while its runtime is alive). */
uint32_t ex_graph_label_of(ex_graph_labels *l, ex_search *s, const ex_event *e);
void ex_graph_labels_free(ex_graph_labels *l);

#endif
