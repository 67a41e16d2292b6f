/* Data races: conflicting accesses (same memory, different threads, at least one write,
 * neither atomic) that no synchronisation orders. Happens-before comes from program order,
 * start -> the started thread, its end -> join, a lock's release -> its next acquire (and a
 * condition wait's release and wake), semaphore release -> acquire, event set -> wait, and
 * atomic accesses (sequentially consistent). Sleeping is not synchronisation: two threads
 * ordered only by virtual time still race. Each pair of source locations is reported once
 * over the whole search. Memory is watched by the address an access starts at: two
 * accesses of different sizes that overlap from different starts (a struct copy and a
 * field) are not compared -- a race of that kind goes unreported.
 *
 * This happens-before is not the graph's (analysis/graph/happens_before.h), which orders
 * every pair of dependent steps, conflicting accesses included: they share the vector-clock
 * machinery (analysis/vector_clock.h), not the relation. */
#include "analysis/race.h"
#include "execution/op.h"
#include "analysis/symbols.h"
#include "analysis/vector_clock.h"
#include "util/arena.h"
#include "util/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T EX_MAX_THREADS

typedef struct access_site {
    uint32_t clock;
    const void *pc;
} access_site;

typedef struct shadow { /* one 8-byte granule of memory, or one sync object */
    uintptr_t key;
    int writer; /* -1: none */
    access_site write;
    access_site reads[T];
    uint32_t sync[T]; /* a sync object's clock */
} shadow;

typedef struct race_pair {
    uintptr_t object;
    const void *first, *second; /* call sites */
    char first_thread[EX_NAME_MAX], second_thread[EX_NAME_MAX];
    bool first_writes, second_writes;
} race_pair;

struct ex_races {
    shadow *shadows; /* the execution's, index.count of them */
    size_t capacity;
    ex_table index; /* by key; cleared for each execution */
    uint32_t clocks[T][T];
    race_pair *pairs;
    size_t pair_count;
    const ex_thread *threads; /* of the execution being checked */
};

ex_races *ex_races_new(void) {
    ex_races *r = calloc(1, sizeof *r);
    ex_table_init(&r->index, 128);
    return r;
}

void ex_races_free(ex_races *r) {
    if (!r)
        return;
    free(r->shadows);
    ex_table_free(&r->index);
    free(r->pairs);
    free(r);
}

static bool same_key(const void *shadows, uint32_t i, const void *key) {
    return ((const shadow *)shadows)[i].key == *(const uintptr_t *)key;
}

static shadow *lookup(ex_races *r, uintptr_t key) {
    ex_table_reserve(&r->index);
    ex_slot *slot = ex_table_find(&r->index, key, same_key, r->shadows, &key);
    if (slot->item)
        return &r->shadows[slot->item - 1];
    r->shadows = ex_grow(r->shadows, &r->capacity, r->index.count + 1, sizeof *r->shadows);
    shadow *s = &r->shadows[ex_table_add(&r->index, slot, key)];
    memset(s, 0, sizeof *s);
    s->key = key;
    s->writer = -1;
    return s;
}

static void report(ex_races *r, uintptr_t object, int q, access_site a, bool a_writes, int p,
                   const void *pc, bool writes) {
    for (size_t i = 0; i < r->pair_count; i++) {
        race_pair *x = &r->pairs[i];
        if ((x->first == a.pc && x->second == pc) || (x->first == pc && x->second == a.pc))
            return;
    }
    r->pairs = realloc(r->pairs, (r->pair_count + 1) * sizeof *r->pairs);
    race_pair *x = &r->pairs[r->pair_count++];
    *x = (race_pair){.object = object,
                     .first = a.pc,
                     .second = pc,
                     .first_writes = a_writes,
                     .second_writes = writes};
    memcpy(x->first_thread, r->threads[q].name, EX_NAME_MAX);
    memcpy(x->second_thread, r->threads[p].name, EX_NAME_MAX);
}

static void memory_access(ex_races *r, const ex_event *e) {
    int p = e->thread;
    uint32_t *vc = r->clocks[p];
    shadow *s = lookup(r, e->object); /* by its exact address: neighbours do not race */
    if (e->atomic) {                  /* sequentially consistent: orders like a lock */
        ex_vc_join(vc, s->sync, T);
        ex_vc_join(s->sync, vc, T);
        return;
    }
    bool writes = e->kind != EX_OP_READ; /* (a memory access: a write or a rmw else) */
    if (s->writer >= 0 && s->writer != p && s->write.clock > vc[s->writer])
        report(r, e->object, s->writer, s->write, true, p, e->pc, writes);
    for (int q = 0; writes && q < T; q++)
        if (q != p && s->reads[q].clock > vc[q])
            report(r, e->object, q, s->reads[q], false, p, e->pc, true);
    access_site here = {vc[p], e->pc};
    if (writes) {
        s->writer = p;
        s->write = here;
        memset(s->reads, 0, sizeof s->reads);
    } else {
        s->reads[p] = here;
    }
}

static void release(ex_races *r, int p, uintptr_t object) {
    shadow *s = lookup(r, object | (1ull << 62)); /* sync objects apart from memory */
    ex_vc_join(s->sync, r->clocks[p], T);
}

static void acquire(ex_races *r, int p, uintptr_t object) {
    ex_vc_join(r->clocks[p], lookup(r, object | (1ull << 62))->sync, T);
}

void ex_races_check(ex_races *r, const ex_event *events, size_t count, const ex_thread *threads) {
    r->threads = threads;
    ex_table_clear(&r->index);
    memset(r->clocks, 0, sizeof r->clocks);
    for (size_t i = 0; i < count; i++) {
        const ex_event *e = &events[i];
        int p = e->thread;
        r->clocks[p][p]++;
        if (ex_op_has(e->kind, EX_F_READS | EX_F_WRITES))
            memory_access(r, e);
        else if (e->kind == EX_OP_START)
            memcpy(r->clocks[e->target], r->clocks[p], sizeof r->clocks[p]);
        else if (ex_op_has(e->kind, EX_F_RELEASES))
            release(r, p, e->object);
        else if (ex_op_has(e->kind, EX_F_ACQUIRES))
            acquire(r, p, e->object);
    }
}

/* A race as it is reported: the object and the two accesses, each a source line and
 * whether it writes. Two pairs of call sites that read the same are one report. */
typedef struct race_report {
    char object[96];
    struct race_access {
        char where[128];
        bool writes;
    } side[2];
} race_report;

static bool same_access(const struct race_access *x, const struct race_access *y) {
    return x->writes == y->writes && !strcmp(x->where, y->where);
}

/* The same object and the same two accesses, in either order. */
static bool same_report(const race_report *x, const race_report *y) {
    if (strcmp(x->object, y->object))
        return false;
    return (same_access(&x->side[0], &y->side[0]) && same_access(&x->side[1], &y->side[1])) ||
           (same_access(&x->side[0], &y->side[1]) && same_access(&x->side[1], &y->side[0]));
}

static void report_of(ex_runtime *rt, const race_pair *x, race_report *out) {
    ex_object_name(rt, (const void *)x->object, out->object, sizeof out->object);
    const void *pcs[2] = {x->first, x->second};
    for (int k = 0; k < 2; k++) {
        snprintf(out->side[k].where, sizeof out->side[k].where, "?");
        ex_symbols_line(ex_symbols_of(rt), pcs[k], out->side[k].where, sizeof out->side[k].where);
    }
    out->side[0].writes = x->first_writes;
    out->side[1].writes = x->second_writes;
}

/* One line per pair of source locations (in either order), first seen first. */
size_t ex_races_describe(ex_races *r, ex_runtime *rt, char ***list, size_t *list_count) {
    size_t first_new = *list_count;
    race_report *seen = calloc(r->pair_count ? r->pair_count : 1, sizeof *seen);
    size_t seen_count = 0;
    for (size_t i = 0; i < r->pair_count; i++) {
        const race_pair *x = &r->pairs[i];
        race_report *this = &seen[seen_count];
        report_of(rt, x, this);
        bool repeated = false;
        for (size_t k = 0; k < seen_count && !repeated; k++)
            repeated = same_report(&seen[k], this);
        char *text = NULL;
        if (repeated ||
            asprintf(&text,
                     "data race on %s: %s by %s at %s and %s by %s at %s are not ordered "
                     "by any synchronisation",
                     this->object, this->side[0].writes ? "a write" : "a read", x->first_thread,
                     this->side[0].where, this->side[1].writes ? "a write" : "a read",
                     x->second_thread, this->side[1].where) < 0)
            continue;
        seen_count++;
        *list = realloc(*list, (*list_count + 1) * sizeof **list);
        (*list)[(*list_count)++] = text;
    }
    free(seen);
    return *list_count - first_new;
}
