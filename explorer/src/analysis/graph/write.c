/* Interleaving graphs (ex_graph_write, `explorer graph`): the states that the explored
 * executions pass through, merged across executions (builder.h says what a state is),
 * drawn with cgraph and written as DOT or rendered with gvc. This file runs the search
 * with the recorder as its observer, then the view, the drawing and the writing. */
#include "analysis/graph/draw.h"
#include "analysis/graph/recorder.h"
#include "analysis/graph/view.h"

#include <errno.h>
#include <gvc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool render(Agraph_t *g, ex_graph_format format, const char *path, char *err,
                   size_t errlen) {
    static const char *const names[] = {"dot", "svg", "png", "pdf"};
    bool to_stdout = !strcmp(path, "-");
    FILE *out = to_stdout ? stdout : fopen(path, "wb");
    if (!out) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return false;
    }
    bool ok;
    if (format == EX_GRAPH_DOT) {
        ok = agwrite(g, out) == 0;
    } else {
        GVC_t *gvc = gvContext();
        ok = gvLayout(gvc, g, "dot") == 0 && gvRender(gvc, g, names[format], out) == 0;
        gvFreeLayout(gvc, g);
        gvFreeContext(gvc);
    }
    ok = (to_stdout ? fflush(out) == 0 : fclose(out) == 0) && ok;
    if (!ok)
        snprintf(err, errlen, "cannot render the graph as %s to %s", names[format], path);
    return ok;
}

ex_graph_options ex_graph_options_default(void) {
    return (ex_graph_options){.format = EX_GRAPH_DOT, .max_nodes = 2000};
}

/* "balance_unlocked (iterations=1): 57 states, ..." and what the options did. */
static char *title_of(ex_module *m, const ex_graph_builder *b, const ex_result *r,
                      const ex_graph_options *o, size_t violations) {
    ex_text t = {0};
    ex_text_printf(&t, "%s", ex_module_name(m));
    for (size_t i = 0; i < ex_module_param_count(m); i++) {
        long value;
        const char *name = ex_module_param(m, i, NULL, NULL, &value);
        ex_text_printf(&t, "%s%s=%ld", i ? ", " : " (", name, value);
    }
    ex_text_printf(&t,
                   "%s: %zu states, %zu steps, %zu outcomes (%zu violations); %llu "
                   "executions explored (%s)",
                   ex_module_param_count(m) ? ")" : "", b->state_count, b->step_count,
                   b->outcome_count, violations, (unsigned long long)b->executions,
                   ex_search_name(r->strategy));
    if (!r->complete)
        ex_text_printf(&t, "\\nINCOMPLETE: the search stopped early (%s)",
                       r->stopped_by != EX_STOP_NONE ? ex_stop_reason_name(r->stopped_by)
                                                     : "not exhaustive");
    if (o->only_violations)
        ex_text_printf(&t, "\\nonly the states from which a violation can be reached");
    if (o->collapse)
        ex_text_printf(&t, "\\none thread's steps with nothing else possible between them "
                           "are one edge");
    if (o->schedule) {
        ex_text_printf(&t, "\\nbold: ");
        ex_graph_label_append(&t, o->schedule, "", 200);
    }
    char *text = strdup(t.data);
    ex_text_free(&t);
    return text;
}

static size_t count_violations(const ex_graph_builder *b, size_t *finals) {
    size_t n = 0;
    *finals = 0;
    for (uint32_t s = 0; s < b->state_count; s++) {
        *finals += b->states[s].outcome >= 0;
        n += ex_graph_is_violation(b, s);
    }
    return n;
}

/* Replays --schedule and marks its path; false (and `err`) when it cannot. */
static bool follow_schedule(ex_module *m, ex_graph_recorder *rec, const ex_options *explore,
                            const char *schedule, ex_graph_view *v, char *err, size_t errlen) {
    ex_options one = *explore;
    one.observer = ex_graph_record_path;
    one.observer_user = rec;
    one.detect_races = false;
    ex_result *r = ex_replay(m, schedule, &one);
    bool ok = !r->error && r->executions == 1;
    if (!ok)
        snprintf(err, errlen, "--schedule: %s", r->error ? r->error : "it did not run");
    ex_result_free(r);
    return ok && ex_graph_view_mark_path(&rec->graph, v, rec->path, rec->path_len, err, errlen);
}

/* Builds the view of the explored graph, draws and writes it. */
static bool write_graph(ex_module *m, ex_graph_recorder *rec, const ex_result *r,
                        const ex_options *explore, const ex_graph_options *o, const char *path,
                        ex_graph_info *info, char *err, size_t errlen) {
    const ex_graph_builder *b = &rec->graph;
    ex_graph_view v = {0};
    ex_graph_view_order(b, &v);
    bool ok = true;
    if (o->schedule)
        ok = follow_schedule(m, rec, explore, o->schedule, &v, err, errlen);
    else
        ex_graph_view_mark_path(b, &v, NULL, 0, err, errlen); /* nothing marked */
    if (ok) {
        ex_graph_view_filter(b, &v, o->only_violations, o->collapse);
        info->violations = count_violations(b, &info->finals);
        char *title = title_of(m, b, r, o, info->violations);
        Agraph_t *g = ex_graph_draw(b, &v, title);
        ok = render(g, o->format, path, err, errlen);
        agclose(g);
        free(title);
        info->nodes = v.nodes;
        info->edges = v.edges;
    }
    ex_graph_view_free(&v);
    return ok;
}

ex_graph_status ex_graph_write(ex_module *m, const ex_options *explore,
                               const ex_graph_options *options, const char *path,
                               ex_graph_info *info, char *err, size_t errlen) {
    ex_graph_info scratch;
    info = info ? info : &scratch;
    memset(info, 0, sizeof *info);
    ex_graph_recorder rec = {.agnostic = explore->timing_agnostic,
                             .graph = {.max_nodes = options->max_nodes}};
    const ex_graph_builder *b = &rec.graph;
    ex_options o = *explore;
    o.observer = ex_graph_record;
    o.observer_user = &rec;
    o.detect_races = false;
    ex_result *r = ex_explore(m, &o);
    ex_graph_status status = r->complete ? EX_GRAPH_WRITTEN : EX_GRAPH_PARTIAL;
    if (r->error) {
        snprintf(err, errlen, "%s", r->error);
        status = EX_GRAPH_FAILED;
    } else if (b->too_large) {
        snprintf(err, errlen,
                 "the graph has more than %zu states (raise --max-nodes, or lower "
                 "the scenario's parameters)",
                 options->max_nodes);
        status = EX_GRAPH_TOO_LARGE;
    } else if (!b->state_count) {
        snprintf(err, errlen, "no execution completed: nothing to draw");
        status = EX_GRAPH_FAILED;
    } else if (!write_graph(m, &rec, r, explore, options, path, info, err, errlen)) {
        status = EX_GRAPH_FAILED;
    }
    info->states = b->state_count;
    info->steps = b->step_count;
    info->executions = b->executions;
    info->complete = r->complete;
    info->stopped_by = r->stopped_by;
    ex_result_free(r);
    ex_graph_recorder_free(&rec);
    return status;
}
