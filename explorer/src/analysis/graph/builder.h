/* The interleaving graph under construction: its states, the steps between them, the
 * outcomes of its final states and the threads' names, merged over every explored
 * execution.
 *
 * A state is an ideal of one execution: a set of its steps closed under happens-before
 * (happens_before.h), so that every ideal is a state some schedule reaches. Each step is
 * identified by its thread, its index in that thread, what it did and its vector clock,
 * hashed to 128 bits; a state's fingerprint is the sum of its steps' hashes. Two ideals of
 * any two executions get the same fingerprint exactly when they hold the same steps with
 * the same order between dependent ones, so they are one state. A step adds one step of the
 * execution to a state; each thread has at most one next step in a state, so a state has at
 * most one step out per thread. */
#ifndef EXPLORER_GRAPH_BUILDER_H
#define EXPLORER_GRAPH_BUILDER_H

#include "analysis/graph/fingerprint.h"
#include "analysis/graph/labels.h"
#include "execution/runtime.h"

typedef struct ex_graph_state {
    uint32_t depth;  /* steps taken */
    int32_t outcome; /* index in outcomes of the execution that ends here, or -1 */
} ex_graph_state;

typedef struct ex_graph_step {
    uint32_t from, to, label;
    int thread;
} ex_graph_step;

typedef struct ex_graph_outcome {
    ex_status status;
    char *output, *text;
} ex_graph_outcome;

typedef struct ex_graph_builder { /* zeroed, with max_nodes: empty */
    size_t max_nodes;             /* 0: no limit */
    bool too_large;               /* a state past max_nodes was refused */
    uint64_t executions;
    ex_graph_state *states;
    size_t state_count, state_capacity;
    ex_fpmap state_index; /* fingerprint -> state */
    ex_graph_step *steps;
    size_t step_count, step_capacity;
    ex_fpmap step_index; /* (from, to) -> step */
    ex_graph_labels labels;
    ex_graph_outcome *outcomes;
    size_t outcome_count;
    char thread_names[EX_MAX_THREADS][EX_NAME_MAX];
    int thread_count;
} ex_graph_builder;

/* The state with fingerprint `key` (made if new); EX_FP_NONE past max_nodes. */
uint32_t ex_graph_state_of(ex_graph_builder *b, ex_fp key, uint32_t depth);
/* The state with fingerprint `key`, or EX_FP_NONE. */
uint32_t ex_graph_state_with(const ex_graph_builder *b, ex_fp key);
/* The step from `from` to `to`, made if new as what `e` (of the execution `s` shows) did. */
void ex_graph_add_step(ex_graph_builder *b, ex_search *s, uint32_t from, uint32_t to,
                       const ex_event *e);
/* The step from `from` to `to`, or EX_FP_NONE. */
uint32_t ex_graph_step_between(const ex_graph_builder *b, uint32_t from, uint32_t to);
/* The names of threads not seen before, from the execution `s` shows. */
void ex_graph_note_threads(ex_graph_builder *b, const ex_search *s);
/* An execution ended in state `final` this way (the first one to end there names it). */
void ex_graph_set_outcome(ex_graph_builder *b, uint32_t final, ex_status status, const char *output,
                          const char *text);
/* Whether state s is final and its outcome a violation. */
bool ex_graph_is_violation(const ex_graph_builder *b, uint32_t s);
void ex_graph_builder_free(ex_graph_builder *b);

#endif
