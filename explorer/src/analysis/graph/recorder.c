/* The graph's observers (recorder.h). */
#include "analysis/graph/recorder.h"

#include "analysis/graph/alloc.h"

void ex_graph_record(void *user, ex_search *s, const ex_event *ev, size_t n, ex_status status,
                     const char *output, unsigned preemptions) {
    ex_graph_recorder *r = user;
    (void)preemptions;
    r->graph.executions++;
    ex_graph_note_threads(&r->graph, s);
    ex_graph_hb_compute(&r->hb, s, ev, n, r->agnostic);
    uint32_t final = ex_graph_add_ideals(&r->ideals, &r->graph, &r->hb, s, ev);
    if (final == EX_FP_NONE) {
        ex_search_stop(s);
        return;
    }
    ex_graph_set_outcome(&r->graph, final, status, output, ex_search_status_text(s));
}

void ex_graph_record_path(void *user, ex_search *s, const ex_event *ev, size_t n, ex_status status,
                          const char *output, unsigned preemptions) {
    ex_graph_recorder *r = user;
    (void)status, (void)output, (void)preemptions;
    ex_graph_hb_compute(&r->hb, s, ev, n, r->agnostic);
    free(r->path);
    r->path = ex_graph_resize(NULL, n + 1, sizeof *r->path);
    r->path[0] = (ex_fp){0, 0};
    for (size_t i = 0; i < n; i++)
        r->path[i + 1] = ex_fp_add(r->path[i], r->hb.hash[i]);
    r->path_len = n + 1;
}

void ex_graph_recorder_free(ex_graph_recorder *r) {
    ex_graph_builder_free(&r->graph);
    ex_graph_hb_free(&r->hb);
    ex_graph_ideals_free(&r->ideals);
    free(r->path);
}
