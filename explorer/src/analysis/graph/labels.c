/* Edge labels (labels.h): a step's operation, its object and where in the source. */
#include "analysis/graph/labels.h"

#include "analysis/graph/alloc.h"

#include <stdio.h>
#include <string.h>

/* " (line 15)" in the scenario's file, " (other.c:15)" elsewhere, "" when unknown. */
static void location_text(ex_graph_labels *l, const char *location, char *buf, size_t len) {
    char where[128];
    buf[0] = '\0';
    snprintf(where, sizeof where, "%s", location);
    char *colon = strrchr(where, ':');
    if (!colon)
        return;
    *colon = '\0';
    if (!l->source[0])
        snprintf(l->source, sizeof l->source, "%s", where);
    if (!strcmp(where, l->source))
        snprintf(buf, len, " (line %s)", colon + 1);
    else
        snprintf(buf, len, " (%s:%s)", where, colon + 1);
}

/* "read balance = 0", "balance ← 5", "acquire lock", "start Thread-1", "sleep (wakes up)" */
static void operation_text(const ex_event *e, const char *object, char *buf, size_t len) {
    const char *atomic = e->atomic ? "atomic " : "";
    if (e->kind == EX_OP_READ && e->has_value)
        snprintf(buf, len, "%sread %s = %lld", atomic, object, e->value);
    else if ((e->kind == EX_OP_WRITE || e->kind == EX_OP_RMW) && e->has_value)
        snprintf(buf, len, "%s \xE2\x86\x90 %lld%s", object, e->value,
                 e->kind == EX_OP_RMW ? " (atomic rmw)"
                 : e->atomic          ? " (atomic)"
                                      : "");
    else
        snprintf(buf, len, "%s%s%s%s%s", e->kind == EX_OP_RMW ? "" : atomic, ex_op_name(e->kind),
                 object[0] ? " " : "", object,
                 !e->timed                ? ""
                 : e->kind == EX_OP_SLEEP ? " (wakes up)"
                                          : " (timed out)");
}

uint32_t ex_graph_label_of(ex_graph_labels *l, ex_search *s, const ex_event *e) {
    ex_fp key = {0x1AB31ull, 0};
    ex_fp_mix_step(&key, e, e->object);
    uint32_t id = ex_fpmap_get(&l->index, key);
    if (id != EX_FP_NONE)
        return id;
    ex_trace_step step;
    char op[160], where[160], text[360];
    ex_search_describe(s, e, &step);
    operation_text(e, step.object, op, sizeof op);
    location_text(l, step.location, where, sizeof where);
    snprintf(text, sizeof text, "%s%s", op, where);
    id = (uint32_t)l->count++;
    l->text = ex_graph_resize(l->text, l->count, sizeof *l->text);
    l->text[id] = strdup(text);
    ex_fpmap_put(&l->index, key, id);
    return id;
}

void ex_graph_labels_free(ex_graph_labels *l) {
    for (size_t i = 0; i < l->count; i++)
        free(l->text[i]);
    free(l->text);
    ex_fpmap_free(&l->index);
}
