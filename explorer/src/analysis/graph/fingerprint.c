/* The map from fingerprints to ids (fingerprint.h), on the one hash table. */
#include "analysis/graph/fingerprint.h"
#include "util/arena.h"

#include <stdlib.h>
#include <string.h>

static uint64_t key_hash(ex_fp k) {
    return ex_splitmix64_mix(k.a ^ (k.b * 0xD6E8FEB86659FD93ull));
}

static bool same_fp(const void *entries, uint32_t i, const void *key) {
    return ex_fp_eq(((const struct ex_fp_entry *)entries)[i].key, *(const ex_fp *)key);
}

static ex_slot *slot_of(const ex_fpmap *m, ex_fp k) {
    return ex_table_find(&m->index, key_hash(k), same_fp, m->entries, &k);
}

void ex_fpmap_clear(ex_fpmap *m) {
    if (m->index.slots)
        ex_table_clear(&m->index);
}

uint32_t ex_fpmap_get(const ex_fpmap *m, ex_fp k) {
    if (!m->index.slots)
        return EX_FP_NONE;
    const ex_slot *slot = slot_of(m, k);
    return slot->item ? m->entries[slot->item - 1].id : EX_FP_NONE;
}

void ex_fpmap_put(ex_fpmap *m, ex_fp k, uint32_t id) {
    if (!m->index.slots)
        ex_table_init(&m->index, 32);
    ex_table_reserve(&m->index);
    ex_slot *slot = slot_of(m, k);
    if (slot->item) {
        m->entries[slot->item - 1].id = id;
        return;
    }
    m->entries = ex_grow(m->entries, &m->capacity, m->index.count + 1, sizeof *m->entries);
    m->entries[ex_table_add(&m->index, slot, key_hash(k))] = (struct ex_fp_entry){k, id};
}

void ex_fpmap_free(ex_fpmap *m) {
    if (m->index.slots)
        ex_table_free(&m->index);
    free(m->entries);
    memset(m, 0, sizeof *m);
}
