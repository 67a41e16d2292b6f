/* Witnesses people can read: the steps of a recorded execution described with thread
 * names, variable names, values and source lines, and the lost updates in it -- a thread's
 * write that rests on a read made stale by another thread's write in between. */
#include "analysis/trace.h"
#include "execution/op.h"
#include "analysis/symbols.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void describe_object(ex_runtime *rt, const ex_event *e, char *buf, size_t len) {
    buf[0] = '\0';
    if (e->kind == EX_OP_END)
        return; /* its own thread */
    if (e->target >= 0 && e->target < rt->exec.thread_count)
        snprintf(buf, len, "%s", rt->threads[e->target].name);
    else if (e->object && e->kind != EX_OP_PRINT)
        ex_symbols_object(ex_symbols_of(rt), rt, e->object, buf, len);
}

void ex_trace_describe(ex_runtime *rt, const ex_event *e, ex_trace_step *s) {
    s->event = *e;
    snprintf(s->thread_name, sizeof s->thread_name, "%s", rt->threads[e->thread].name);
    describe_object(rt, e, s->object, sizeof s->object);
    ex_symbols_line_or_empty(rt, e->pc, s->location, sizeof s->location);
}

ex_trace_step *ex_trace_build(ex_runtime *rt, size_t *count) {
    ex_trace_step *steps = calloc(rt->exec.event_count ? rt->exec.event_count : 1, sizeof *steps);
    for (size_t i = 0; i < rt->exec.event_count; i++)
        ex_trace_describe(rt, &rt->events[i], &steps[i]);
    *count = rt->exec.event_count;
    return steps;
}

static bool is_access(const ex_event *e) {
    return ex_op_has(e->kind, EX_F_READS | EX_F_WRITES);
}

static bool overlaps(const ex_event *a, const ex_event *b) {
    return a->object < b->object + (b->size ? b->size : 1) &&
           b->object < a->object + (a->size ? a->size : 1);
}

/* The latest read of w's variable by w's thread before step k, if no write of that
 * thread came between (the read the write was computed from). */
static long stale_read(const ex_trace_step *t, size_t k) {
    for (size_t i = k; i-- > 0;) {
        const ex_event *e = &t[i].event;
        if (e->thread != t[k].event.thread || !is_access(e) || !overlaps(e, &t[k].event))
            continue;
        return e->kind == EX_OP_READ ? (long)i : -1;
    }
    return -1;
}

static char *lost_update_text(const ex_trace_step *t, size_t r, size_t o, size_t w) {
    char *text = NULL;
    const char *var = t[w].object;
    if (asprintf(&text,
                 "lost update of %s: %s read %s = %lld at %s, %s then wrote %s = %lld at %s, "
                 "%s wrote %s = %lld from its stale read at %s: %s's update is lost",
                 var, t[r].thread_name, var, t[r].event.value, t[r].location, t[o].thread_name, var,
                 t[o].event.value, t[o].location, t[w].thread_name, var, t[w].event.value,
                 t[w].location, t[o].thread_name) < 0)
        return NULL;
    return text;
}

/* Adds a diagnosis for each write whose thread's last read of the variable came before
 * another thread's write to it (the first such write in between is named). */
void ex_diagnose_lost_updates(const ex_trace_step *t, size_t count, char ***list,
                              size_t *list_count) {
    for (size_t w = 0; w < count; w++) {
        if (t[w].event.kind != EX_OP_WRITE)
            continue;
        long r = stale_read(t, w);
        if (r < 0)
            continue;
        for (size_t o = (size_t)r + 1; o < w; o++) {
            const ex_event *e = &t[o].event;
            if (e->thread == t[w].event.thread || !ex_op_has(e->kind, EX_F_WRITES) ||
                !overlaps(e, &t[w].event))
                continue;
            char *text = lost_update_text(t, (size_t)r, o, w);
            if (text) {
                *list = realloc(*list, (*list_count + 1) * sizeof **list);
                (*list)[(*list_count)++] = text;
            }
            break;
        }
    }
}
