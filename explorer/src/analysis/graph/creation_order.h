/* cgraph identifies a named object by the address of its interned name, and writes the
 * subgraphs in that order. This discipline numbers every object in creation order instead
 * (even numbers for named ones, whose names it keeps; odd for unnamed ones), so the DOT
 * does not depend on where the allocator put anything. */
#ifndef EXPLORER_GRAPH_CREATION_ORDER_H
#define EXPLORER_GRAPH_CREATION_ORDER_H

#include <cgraph.h>

extern Agdisc_t ex_graph_creation_order; /* for agopen */

#endif
