/* The interleaving graph under construction (builder.h): states by fingerprint, steps by
 * the states they join, outcomes by output, status and text. */
#include "analysis/graph/builder.h"

#include "analysis/graph/alloc.h"

#include <stdio.h>
#include <string.h>

uint32_t ex_graph_state_of(ex_graph_builder *b, ex_fp key, uint32_t depth) {
    uint32_t id = ex_fpmap_get(&b->state_index, key);
    if (id != EX_FP_NONE)
        return id;
    if (b->max_nodes && b->state_count >= b->max_nodes) {
        b->too_large = true;
        return EX_FP_NONE;
    }
    if (b->state_count == b->state_capacity) {
        b->state_capacity = b->state_capacity ? b->state_capacity * 2 : 256;
        b->states = ex_graph_resize(b->states, b->state_capacity, sizeof *b->states);
    }
    id = (uint32_t)b->state_count++;
    b->states[id] = (ex_graph_state){depth, -1};
    ex_fpmap_put(&b->state_index, key, id);
    return id;
}

uint32_t ex_graph_state_with(const ex_graph_builder *b, ex_fp key) {
    return ex_fpmap_get(&b->state_index, key);
}

static ex_fp step_key(uint32_t from, uint32_t to) {
    return (ex_fp){(uint64_t)from << 32 | to, 0x57E9};
}

void ex_graph_add_step(ex_graph_builder *b, ex_search *s, uint32_t from, uint32_t to,
                       const ex_event *e) {
    ex_fp key = step_key(from, to);
    if (ex_fpmap_get(&b->step_index, key) != EX_FP_NONE)
        return;
    if (b->step_count == b->step_capacity) {
        b->step_capacity = b->step_capacity ? b->step_capacity * 2 : 256;
        b->steps = ex_graph_resize(b->steps, b->step_capacity, sizeof *b->steps);
    }
    b->steps[b->step_count] =
        (ex_graph_step){from, to, ex_graph_label_of(&b->labels, s, e), e->thread};
    ex_fpmap_put(&b->step_index, key, (uint32_t)b->step_count++);
}

uint32_t ex_graph_step_between(const ex_graph_builder *b, uint32_t from, uint32_t to) {
    return ex_fpmap_get(&b->step_index, step_key(from, to));
}

void ex_graph_note_threads(ex_graph_builder *b, const ex_search *s) {
    int count = ex_search_thread_count(s);
    for (int t = b->thread_count; t < count; t++)
        snprintf(b->thread_names[t], sizeof b->thread_names[t], "%s", ex_search_thread_name(s, t));
    if (count > b->thread_count)
        b->thread_count = count;
}

void ex_graph_set_outcome(ex_graph_builder *b, uint32_t final, ex_status status, const char *output,
                          const char *text) {
    size_t i = 0;
    while (i < b->outcome_count &&
           (b->outcomes[i].status != status || strcmp(b->outcomes[i].output, output) ||
            strcmp(b->outcomes[i].text, text)))
        i++;
    if (i == b->outcome_count) {
        b->outcomes = ex_graph_resize(b->outcomes, ++b->outcome_count, sizeof *b->outcomes);
        b->outcomes[i] = (ex_graph_outcome){status, strdup(output), strdup(text)};
    }
    if (b->states[final].outcome < 0) /* the first execution that ends here names it */
        b->states[final].outcome = (int32_t)i;
}

bool ex_graph_is_violation(const ex_graph_builder *b, uint32_t s) {
    return b->states[s].outcome >= 0 &&
           ex_status_is_violation(b->outcomes[b->states[s].outcome].status);
}

void ex_graph_builder_free(ex_graph_builder *b) {
    free(b->states);
    free(b->steps);
    ex_graph_labels_free(&b->labels);
    for (size_t i = 0; i < b->outcome_count; i++) {
        free(b->outcomes[i].output);
        free(b->outcomes[i].text);
    }
    free(b->outcomes);
    ex_fpmap_free(&b->state_index);
    ex_fpmap_free(&b->step_index);
}
