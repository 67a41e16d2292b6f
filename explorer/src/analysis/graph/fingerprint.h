/* 128-bit fingerprints (of steps and of states, which sum their steps') and a map from them
 * to 32-bit ids, indexed by the runtime's one hash table (util/table.h). */
#ifndef EXPLORER_GRAPH_FINGERPRINT_H
#define EXPLORER_GRAPH_FINGERPRINT_H

#include <explorer/explorer.h>

#include "util/hash.h"
#include "util/table.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ex_fp {
    uint64_t a, b;
} ex_fp;

/* No id: what the map holds for a missing key (and the graph's "no state", "no step"). */
#define EX_FP_NONE UINT32_MAX

/* Mixes `v` into `f`, both halves apart. */
static inline void ex_fp_mix(ex_fp *f, uint64_t v) {
    f->a = ex_splitmix64_mix(f->a ^ v);
    f->b = ex_splitmix64_mix((f->b ^ (v * EX_GOLDEN)) + 0x632BE59BD9B4E019ull);
}

static inline ex_fp ex_fp_add(ex_fp x, ex_fp y) {
    return (ex_fp){x.a + y.a, x.b + y.b};
}

static inline bool ex_fp_eq(ex_fp x, ex_fp y) {
    return x.a == y.a && x.b == y.b;
}

/* Mixes into `f` what step `e` did: its kind, size, object (named by `object`), the thread
 * it concerns, whether it timed out, was atomic, the value it saw, and its call site. */
static inline void ex_fp_mix_step(ex_fp *f, const ex_event *e, uint64_t object) {
    ex_fp_mix(f, (uint64_t)e->kind << 32 | e->size);
    ex_fp_mix(f, object);
    ex_fp_mix(f, (uint64_t)(e->target + 1) << 3 | (uint64_t)e->timed << 2 |
                     (uint64_t)e->atomic << 1 | e->has_value);
    ex_fp_mix(f, e->has_value ? (uint64_t)e->value : 0);
    ex_fp_mix(f, (uintptr_t)e->pc);
}

/* Fingerprint -> id: the keys and their ids in the order they came, indexed by `index`.
 * Zeroed: empty. */
typedef struct ex_fpmap {
    ex_table index;
    struct ex_fp_entry {
        ex_fp key;
        uint32_t id;
    } * entries;
    size_t capacity;
} ex_fpmap;

void ex_fpmap_clear(ex_fpmap *m);
uint32_t ex_fpmap_get(const ex_fpmap *m, ex_fp k); /* the value of `k`, or EX_FP_NONE */
void ex_fpmap_put(ex_fpmap *m, ex_fp k, uint32_t v);
void ex_fpmap_free(ex_fpmap *m);

#endif
