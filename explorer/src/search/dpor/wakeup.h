/* Wakeup trees (Abdulla, Aronis, Jonsson, Sagonas: "Source Sets: A Foundation for Optimal
 * Dynamic Partial Order Reduction", JACM 2017): at each state of the search path, the
 * ordered tree of step sequences still to run from there. A branch is a sequence that
 * reverses a race found later in the search; inserting it is a no-op when a sequence
 * already in the tree starts some execution equivalent to it.
 *
 * Trees live in one pool of nodes (index 0 is "none"); the tree of a state is the subtree
 * under one node, so the state after a branch's first step owns the rest of that branch. */
#ifndef EXPLORER_WAKEUP_H
#define EXPLORER_WAKEUP_H

#include "search/dependence.h"

/* One step of a sequence being inserted: a thread and what its step touches. */
typedef struct ex_wstep {
    ex_access a;
    uint8_t thread;
    bool used; /* matched by the tree path walked so far */
} ex_wstep;

typedef struct ex_wnode {
    ex_access a;
    uint32_t first_child, next_sibling;
    uint8_t thread;
} ex_wnode;

typedef struct ex_wakeup {
    ex_wnode *nodes;
    size_t count, capacity;
    uint32_t free_list;
    uint32_t *stack; /* for freeing subtrees without recursion */
    size_t stack_capacity;
} ex_wakeup;

uint32_t ex_wakeup_grow(ex_wakeup *w);                    /* a node from a larger pool */
void ex_wakeup_free_subtree(ex_wakeup *w, uint32_t node); /* back to the free list */
void ex_wakeup_free(ex_wakeup *w);

/* (The node pool's operations are inline: DPOR adds and removes nodes along the path of
 * every execution, for the branches it takes from a tree.) */

static inline uint32_t ex_wakeup_node(ex_wakeup *w, int thread, ex_access a) { /* no parent */
    uint32_t i = w->free_list;
    if (i)
        w->free_list = w->nodes[i].next_sibling;
    else
        i = ex_wakeup_grow(w);
    w->nodes[i] = (ex_wnode){a, 0, 0, (uint8_t)thread};
    return i;
}

static inline uint32_t ex_wakeup_add(ex_wakeup *w, uint32_t parent, int thread, ex_access a) {
    uint32_t child = ex_wakeup_node(w, thread, a); /* its last child */
    uint32_t *link = &w->nodes[parent].first_child;
    while (*link)
        link = &w->nodes[*link].next_sibling;
    *link = child;
    return child;
}

static inline void ex_wakeup_remove(ex_wakeup *w, uint32_t parent, uint32_t child) {
    uint32_t *link = &w->nodes[parent].first_child; /* with its subtree */
    while (*link != child)
        link = &w->nodes[*link].next_sibling;
    *link = w->nodes[child].next_sibling;
    if (w->nodes[child].first_child) {
        ex_wakeup_free_subtree(w, child);
        return;
    }
    w->nodes[child].next_sibling = w->free_list; /* a leaf: the usual case, a finished step */
    w->free_list = child;
}

static inline uint32_t ex_wakeup_first(const ex_wakeup *w, uint32_t node) {
    return w->nodes[node].first_child;
}

/* Whether thread q (whose next step is `a`) can start the sequence: its first step there
 * comes after none of the others, or it has none there and its step commutes with them
 * all (a "weak initial"). */
bool ex_wakeup_weak_initial(const ex_wstep *seq, size_t n, int q, ex_access a);

/* Inserts seq[0..n) under `root` unless an equivalent start is already there. */
void ex_wakeup_insert(ex_wakeup *w, uint32_t root, ex_wstep *seq, size_t n);

#endif
