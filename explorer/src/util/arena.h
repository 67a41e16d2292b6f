/* Memory the runtime owns: reservations, a bump arena reset as a whole, and growable
 * arrays. */
#ifndef EXPLORER_ARENA_H
#define EXPLORER_ARENA_H

#include <stdbool.h>
#include <stddef.h>

/* Address space reserved once, zero-filled, committed as it is touched (NULL: refused). */
void *ex_reserve(size_t size);
void ex_release(void *p, size_t size);

/* A bump arena: reserved once (its addresses repeat), reset as a whole. */
typedef struct ex_arena {
    char *base;
    size_t used, reserved;
} ex_arena;

bool ex_arena_init(ex_arena *a, size_t reserve);
/* The message for a reservation of `bytes` for `what` that failed (errno says why), with
 * the process's address-space limit. */
void ex_reserve_error(char *buf, size_t len, const char *what, size_t bytes);
void *ex_arena_alloc(ex_arena *a, size_t size); /* NULL when the reservation is full */
void ex_arena_reset(ex_arena *a);
void ex_arena_destroy(ex_arena *a);

/* Room for `needed` items of `item` bytes in a growable array with `*capacity` items
 * (doubling); returns the array, perhaps moved. Out of memory aborts. (The check is inline:
 * it runs at every step.) */
void *ex_grow_slow(void *array, size_t *capacity, size_t needed, size_t item);
static inline void *ex_grow(void *array, size_t *capacity, size_t needed, size_t item) {
    return needed <= *capacity ? array : ex_grow_slow(array, capacity, needed, item);
}

#endif
