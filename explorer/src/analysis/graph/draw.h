/* The graph's view drawn as a cgraph graph, ready to write as DOT or render with gvc. */
#ifndef EXPLORER_GRAPH_DRAW_H
#define EXPLORER_GRAPH_DRAW_H

#include "analysis/graph/view.h"

#include <cgraph.h>

/* The graph of `b` as `v` shows it (counting v->edges), titled `title`; agclose it. */
Agraph_t *ex_graph_draw(const ex_graph_builder *b, ex_graph_view *v, const char *title);
/* Appends `s` to a label: backslashes doubled, newlines as "\n" (or `newline`), other
 * control characters and bytes that are not UTF-8 as '?'. At most `max` characters. */
void ex_graph_label_append(ex_text *t, const char *s, const char *newline, size_t max);

#endif
