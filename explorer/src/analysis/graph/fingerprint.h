/* 128-bit fingerprints (of steps and of states, which sum their steps') and a map from them
 * to 32-bit ids.
 *
 * The map is one of the runtime's open-addressing hash tables (linear probing, doubled when
 * half full); they are to become one shared table. */
#ifndef EXPLORER_GRAPH_FINGERPRINT_H
#define EXPLORER_GRAPH_FINGERPRINT_H

#include <explorer/explorer.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ex_fp {
    uint64_t a, b;
} ex_fp;

/* No id: what the map holds for a missing key (and the graph's "no state", "no step"). */
#define EX_FP_NONE UINT32_MAX

/* splitmix64's finaliser */
static inline uint64_t ex_fp_mix64(uint64_t x) {
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

/* Mixes `v` into `f`, both halves apart. */
static inline void ex_fp_mix(ex_fp *f, uint64_t v) {
    f->a = ex_fp_mix64(f->a ^ v);
    f->b = ex_fp_mix64((f->b ^ (v * 0x9E3779B97F4A7C15ull)) + 0x632BE59BD9B4E019ull);
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

/* Fingerprint -> id; a value of EX_FP_NONE marks an empty slot. Zeroed: empty. */
typedef struct ex_fpmap {
    ex_fp *keys;
    uint32_t *vals;
    size_t count, cap;
} ex_fpmap;

void ex_fpmap_clear(ex_fpmap *m);
uint32_t ex_fpmap_get(const ex_fpmap *m, ex_fp k); /* the value of `k`, or EX_FP_NONE */
void ex_fpmap_put(ex_fpmap *m, ex_fp k, uint32_t v);
void ex_fpmap_free(ex_fpmap *m);

#endif
