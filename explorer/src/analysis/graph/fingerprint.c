/* The map from fingerprints to ids (fingerprint.h): open addressing, linear probing. */
#include "analysis/graph/fingerprint.h"

#include <stdlib.h>
#include <string.h>

static size_t fpmap_home(const ex_fpmap *m, ex_fp k) {
    return ex_fp_mix64(k.a ^ (k.b * 0xD6E8FEB86659FD93ull)) & (m->cap - 1);
}

void ex_fpmap_clear(ex_fpmap *m) {
    if (m->cap)
        memset(m->vals, 0xFF, m->cap * sizeof *m->vals);
    m->count = 0;
}

static void fpmap_grow(ex_fpmap *m) {
    ex_fpmap old = *m;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->keys = malloc(m->cap * sizeof *m->keys);
    m->vals = malloc(m->cap * sizeof *m->vals);
    if (!m->keys || !m->vals)
        abort();
    ex_fpmap_clear(m);
    for (size_t i = 0; i < old.cap; i++)
        if (old.vals[i] != EX_FP_NONE)
            ex_fpmap_put(m, old.keys[i], old.vals[i]);
    free(old.keys);
    free(old.vals);
}

uint32_t ex_fpmap_get(const ex_fpmap *m, ex_fp k) {
    if (!m->cap)
        return EX_FP_NONE;
    for (size_t i = fpmap_home(m, k);; i = (i + 1) & (m->cap - 1)) {
        if (m->vals[i] == EX_FP_NONE || ex_fp_eq(m->keys[i], k))
            return m->vals[i];
    }
}

void ex_fpmap_put(ex_fpmap *m, ex_fp k, uint32_t v) {
    if ((m->count + 1) * 2 > m->cap)
        fpmap_grow(m);
    size_t i = fpmap_home(m, k);
    while (m->vals[i] != EX_FP_NONE && !ex_fp_eq(m->keys[i], k))
        i = (i + 1) & (m->cap - 1);
    if (m->vals[i] == EX_FP_NONE)
        m->count++;
    m->keys[i] = k;
    m->vals[i] = v;
}

void ex_fpmap_free(ex_fpmap *m) {
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}
