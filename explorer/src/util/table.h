/* The one hash table: an index from a 64-bit hash to item numbers, by open addressing with
 * linear probing. The items live with the caller, numbered 0, 1, 2, ... in the order they
 * were added (the table counts them); the caller says whether an item is the one sought
 * (its equality test, inlined into the probe). Each slot keeps the top 32 bits of the slot
 * hash next to the item number: a probe looks at an item only when those match, and the
 * slots double without asking the caller for hashes. At most half of the slots are full.
 *
 * Use: ex_table_reserve, then ex_table_find; an empty slot (item 0) is where the item goes:
 * ex_table_add puts the next item number there. Limits: fewer than 2^31 items; items are
 * not removed one by one (ex_table_clear forgets them all). */
#ifndef EXPLORER_TABLE_H
#define EXPLORER_TABLE_H

#include "util/hash.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ex_slot {
    uint32_t item; /* item + 1; 0: empty */
    uint32_t hash; /* the slot hash's top 32 bits */
} ex_slot;

typedef struct ex_table {
    ex_slot *slots;
    size_t mask;    /* the number of slots (a power of 2 up to 2^32), less one */
    size_t count;   /* items indexed: 0 .. count - 1 */
    unsigned shift; /* 32 - log2(slots): a slot's home is its hash >> shift */
} ex_table;

/* Whether item `item` (of the caller's `items`) is the one sought (`key`). */
typedef bool ex_table_same(const void *items, uint32_t item, const void *key);

/* An empty table with room for about `items` items before it grows. */
void ex_table_init(ex_table *t, size_t items);
void ex_table_free(ex_table *t);
/* Forgets every item; the slots stay allocated. */
void ex_table_clear(ex_table *t);
/* Doubles the slots. */
void ex_table_grow(ex_table *t);

/* Room for one more item. */
static inline void ex_table_reserve(ex_table *t) {
    if ((t->count + 1) * 2 > t->mask + 1)
        ex_table_grow(t);
}

/* The slot of the item with this hash that `same` accepts, or the empty slot where it goes.
 * (Always inline: `same` is then inlined too, and the probe costs what a hand-written one
 * does -- DPOR looks granules up at every step.) */
static inline __attribute__((always_inline)) ex_slot *
ex_table_find(const ex_table *t, uint64_t hash, ex_table_same *same, const void *items,
              const void *key) {
    uint32_t top = (uint32_t)ex_slot_hash(hash, 32);
    for (size_t i = top >> t->shift;; i = (i + 1) & t->mask) {
        ex_slot *slot = &t->slots[i];
        if (!slot->item || (slot->hash == top && same(items, slot->item - 1, key)))
            return slot;
    }
}

/* Indexes the next item (number t->count) under `hash` at `slot`, the empty slot
 * ex_table_find returned for it after ex_table_reserve; returns its number. */
static inline uint32_t ex_table_add(ex_table *t, ex_slot *slot, uint64_t hash) {
    *slot = (ex_slot){(uint32_t)++t->count, (uint32_t)ex_slot_hash(hash, 32)};
    return slot->item - 1;
}

#endif
