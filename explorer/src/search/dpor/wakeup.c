/* Wakeup trees: the node pool, insertion, removal (see wakeup.h). */
#include "search/dpor/wakeup.h"
#include "search/dependence.h"
#include "util/arena.h"

#include <stdlib.h>

uint32_t ex_wakeup_grow(ex_wakeup *w) {
    w->nodes = ex_grow(w->nodes, &w->capacity, w->count + 2, sizeof *w->nodes);
    if (!w->count) /* node 0 means "none": the empty tree */
        w->nodes[w->count++] = (ex_wnode){0};
    return (uint32_t)w->count++;
}

static void push(ex_wakeup *w, size_t *depth, uint32_t node) {
    w->stack = ex_grow(w->stack, &w->stack_capacity, *depth + 1, sizeof *w->stack);
    w->stack[(*depth)++] = node;
}

void ex_wakeup_free_subtree(ex_wakeup *w, uint32_t node) {
    size_t depth = 0;
    push(w, &depth, node);
    while (depth) {
        uint32_t n = w->stack[--depth];
        for (uint32_t c = w->nodes[n].first_child; c; c = w->nodes[c].next_sibling)
            push(w, &depth, c);
        w->nodes[n].next_sibling = w->free_list;
        w->free_list = n;
    }
}

void ex_wakeup_free(ex_wakeup *w) {
    free(w->nodes);
    free(w->stack);
    *w = (ex_wakeup){0};
}

/* Where q starts seq (the steps not yet used): the index of its first step there, n if it
 * has none and commutes with them all, or -1 if it cannot go first. */
static long initial_index(const ex_wstep *seq, size_t n, int q, ex_access a) {
    size_t k = 0;
    while (k < n && (seq[k].used || seq[k].thread != q))
        k++;
    if (k < n)
        a = seq[k].a;
    for (size_t m = 0; m < k; m++)
        if (!seq[m].used && ex_ordered(seq[m].thread, seq[m].a, q, a))
            return -1;
    return (long)k;
}

bool ex_wakeup_weak_initial(const ex_wstep *seq, size_t n, int q, ex_access a) {
    return initial_index(seq, n, q, a) >= 0;
}

/* The tree node `node` (a step of thread q) can start what is left of seq: use its step. */
static bool take(ex_wstep *seq, size_t n, const ex_wnode *node) {
    long k = initial_index(seq, n, node->thread, node->a);
    if (k < 0)
        return false;
    if ((size_t)k < n)
        seq[k].used = true;
    return true;
}

/* The first node in post-order whose path from the root starts an execution equivalent
 * to one seq starts: descend into the first child that fits, as long as one does. A leaf
 * there already covers seq; otherwise what is left of seq becomes a new last branch. */
void ex_wakeup_insert(ex_wakeup *w, uint32_t root, ex_wstep *seq, size_t n) {
    uint32_t node = root;
    for (;;) {
        uint32_t c = w->nodes[node].first_child;
        while (c && !take(seq, n, &w->nodes[c]))
            c = w->nodes[c].next_sibling;
        if (!c)
            break;
        node = c;
    }
    if (node != root && !w->nodes[node].first_child)
        return;
    for (size_t k = 0; k < n; k++)
        if (!seq[k].used)
            node = ex_wakeup_add(w, node, seq[k].thread, seq[k].a);
}
