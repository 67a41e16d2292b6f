/* Drawing the graph's view with cgraph: a state as a dot (the start, final states as boxes
 * with their output and status), a step as an edge in its thread's colour, states of equal
 * depth on one rank, a legend of the threads. */
#include "analysis/graph/draw.h"

#include "analysis/graph/alloc.h"
#include "analysis/graph/creation_order.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const thread_colors[] = {"#4d4d4d", "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd",
                                            "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"};

static const char *thread_color(int t) {
    return thread_colors[t % (int)(sizeof thread_colors / sizeof *thread_colors)];
}

static void set(void *object, const char *name, const char *value) {
    agsafeset(object, (char *)name, (char *)value, "");
}

void ex_graph_label_append(ex_text *t, const char *s, const char *newline, size_t max) {
    const unsigned char *p = (const unsigned char *)s;
    for (size_t chars = 0; *p && chars < max; chars++) {
        size_t n = *p < 0x80         ? 1
                   : (*p >> 5) == 6  ? 2
                   : (*p >> 4) == 14 ? 3
                   : (*p >> 3) == 30 ? 4
                                     : 0;
        for (size_t k = 1; k < n; k++)
            if ((p[k] & 0xC0) != 0x80)
                n = 0;
        if (n > 1)
            ex_text_append(t, (const char *)p, n);
        else if (*p == '\\')
            ex_text_append(t, "\\\\", 2);
        else if (*p == '\n')
            ex_text_printf(t, "%s", newline);
        else
            ex_text_append(t, *p >= 0x20 && *p < 0x7F ? (const char *)p : "?", 1);
        p += n ? n : 1;
    }
    if (*p)
        ex_text_append(t, "\xE2\x80\xA6", 3); /* … */
}

/* A final state: its printed output (at most 6 lines) and its status. */
static void draw_final(Agnode_t *n, const ex_graph_outcome *o) {
    ex_text label = {0};
    const char *out = o->output;
    size_t len = strlen(out);
    if (len && out[len - 1] == '\n')
        len--;
    char *shown = strndup(out, len);
    int lines = 0;
    for (char *p = shown; *p; p++)
        if (*p == '\n' && ++lines == 6)
            *p = '\0';
    ex_graph_label_append(&label, len ? shown : "(nothing printed)", "\\n", 400);
    ex_text_printf(&label, "\\n[%s]", ex_status_name(o->status));
    set(n, "shape", "box");
    set(n, "style", "rounded,filled");
    set(n, "fixedsize", "false");
    set(n, "label", label.data);
    bool bad = ex_status_is_violation(o->status);
    bool cut = ex_status_is_incomplete(o->status);
    set(n, "fillcolor", bad ? "#f8d7da" : cut ? "#fff3cd" : "#d4edda");
    set(n, "color", bad ? "#c62828" : cut ? "#b8860b" : "#2e7d32");
    set(n, "tooltip", o->text);
    set(n, "outcome", o->output);
    set(n, "status", ex_status_name(o->status));
    free(shown);
    ex_text_free(&label);
}

static Agnode_t *draw_node(const ex_graph_builder *b, const ex_graph_view *v, Agraph_t *g,
                           uint32_t s) {
    char name[32];
    snprintf(name, sizeof name, "s%u", v->number[s]);
    Agnode_t *n = agnode(g, name, 1);
    if (s == 0) {
        set(n, "label", "start");
        set(n, "fixedsize", "false");
        set(n, "fillcolor", "#e0e0e0");
        set(n, "shape", "doublecircle");
    } else if (b->states[s].outcome >= 0) {
        draw_final(n, &b->outcomes[b->states[s].outcome]);
    } else {
        snprintf(name, sizeof name, "after %u steps", b->states[s].depth);
        set(n, "tooltip", name);
    }
    if (v->path_state[s])
        set(n, "penwidth", "3");
    return n;
}

/* One subgraph of rank=same per depth: states after as many steps line up. */
static void draw_ranks(const ex_graph_builder *b, const ex_graph_view *v, Agraph_t *g,
                       Agnode_t **nodes) {
    Agraph_t *sub = NULL;
    uint32_t depth = UINT32_MAX;
    for (size_t r = 0; r < b->state_count; r++) {
        uint32_t s = v->by_rank[r];
        if (v->number[s] == EX_FP_NONE)
            continue;
        if (b->states[s].depth != depth) {
            char name[32];
            depth = b->states[s].depth;
            snprintf(name, sizeof name, "depth%u", depth);
            sub = agsubg(g, name, 1);
            set(sub, "rank", "same");
        }
        agsubnode(sub, nodes[v->number[s]], 1);
    }
}

static void html_append(ex_text *t, const char *s) {
    for (; *s; s++) {
        const char *esc = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : NULL;
        if (esc)
            ex_text_printf(t, "%s", esc);
        else
            ex_text_append(t, s, 1);
    }
}

/* The threads' colours, beside the start. */
static void draw_legend(const ex_graph_builder *b, Agraph_t *g) {
    ex_text html = {0};
    ex_text_printf(&html, "<table border=\"0\" cellborder=\"0\" cellspacing=\"1\">");
    for (int t = 0; t < b->thread_count; t++) {
        ex_text_printf(&html, "<tr><td align=\"left\"><font color=\"%s\">\xE2\x96\xA0 ",
                       thread_color(t));
        html_append(&html, b->thread_names[t]);
        ex_text_printf(&html, "</font></td></tr>");
    }
    ex_text_printf(&html, "</table>");
    Agnode_t *n = agnode(g, "legend", 1);
    set(n, "shape", "plaintext");
    set(n, "fixedsize", "false");
    set(n, "style", "");
    char *label = agstrdup_html(g, html.data);
    set(n, "label", label);
    agstrfree(g, label);
    agsubnode(agsubg(g, "depth0", 1), n, 1);
    ex_text_free(&html);
}

/* From drawn state s along step k: through merged states to the next drawn one, as one
 * edge whose label lists the steps. */
static void draw_edge(const ex_graph_builder *b, ex_graph_view *v, Agraph_t *g, Agnode_t **nodes,
                      uint32_t s, uint32_t k) {
    const ex_graph_step *e = &b->steps[k];
    ex_text label = {0};
    ex_text_printf(&label, "%s: ", b->thread_names[e->thread]);
    ex_graph_label_append(&label, b->labels.text[e->label], "\\n", 400);
    bool on_path = v->path_step[k], merged = false;
    while (v->merged[e->to]) {
        k = ex_graph_view_only_step_out(b, v, e->to);
        e = &b->steps[k];
        on_path = on_path && v->path_step[k];
        ex_text_printf(&label, "\\l");
        ex_graph_label_append(&label, b->labels.text[e->label], "\\n", 400);
        merged = true;
    }
    if (merged)
        ex_text_printf(&label, "\\l");
    Agedge_t *edge = agedge(g, nodes[v->number[s]], nodes[v->number[e->to]], NULL, 1);
    set(edge, "label", label.data);
    set(edge, "color", thread_color(e->thread));
    set(edge, "fontcolor", thread_color(e->thread));
    if (on_path)
        set(edge, "penwidth", "3");
    v->edges++;
    ex_text_free(&label);
}

static void draw_defaults(Agraph_t *g, const char *title) {
    agattr(g, AGRAPH, "label", (char *)title);
    agattr(g, AGRAPH, "labelloc", "t");
    agattr(g, AGRAPH, "fontname", "Helvetica");
    agattr(g, AGRAPH, "nodesep", "0.3");
    agattr(g, AGRAPH, "ranksep", "0.35");
    agattr(g, AGNODE, "shape", "circle");
    agattr(g, AGNODE, "label", "");
    agattr(g, AGNODE, "width", "0.18");
    agattr(g, AGNODE, "height", "0.18");
    agattr(g, AGNODE, "fixedsize", "true");
    agattr(g, AGNODE, "style", "filled");
    agattr(g, AGNODE, "fillcolor", "white");
    agattr(g, AGNODE, "fontname", "Helvetica");
    agattr(g, AGNODE, "fontsize", "10");
    agattr(g, AGEDGE, "fontname", "Helvetica");
    agattr(g, AGEDGE, "fontsize", "9");
    agattr(g, AGEDGE, "arrowsize", "0.6");
}

Agraph_t *ex_graph_draw(const ex_graph_builder *b, ex_graph_view *v, const char *title) {
    Agraph_t *g = agopen("interleavings", Agdirected, &ex_graph_creation_order);
    draw_defaults(g, title);
    Agnode_t **nodes = ex_graph_zeroed(v->nodes, sizeof *nodes);
    for (size_t r = 0; r < b->state_count; r++) {
        uint32_t s = v->by_rank[r];
        if (v->number[s] != EX_FP_NONE)
            nodes[v->number[s]] = draw_node(b, v, g, s);
    }
    draw_ranks(b, v, g, nodes);
    draw_legend(b, g);
    for (size_t r = 0; r < b->state_count; r++) {
        uint32_t s = v->by_rank[r];
        for (uint32_t k = v->out_first[s]; v->number[s] != EX_FP_NONE && k < v->out_first[s + 1];
             k++)
            if (v->keep[b->steps[v->out_steps[k]].to])
                draw_edge(b, v, g, nodes, s, v->out_steps[k]);
    }
    free(nodes);
    return g;
}
