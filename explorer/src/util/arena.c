/* Memory the runtime owns: a bump arena reset as a whole (reserved once, so its addresses
 * repeat across executions), and growable arrays. */
#include "util/arena.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

void *ex_reserve(size_t size) {
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

void ex_release(void *p, size_t size) {
    if (p)
        munmap(p, size);
}

bool ex_arena_init(ex_arena *a, size_t reserve) {
    a->base = ex_reserve(reserve);
    a->used = 0;
    a->reserved = a->base ? reserve : 0;
    return a->base != NULL;
}

void *ex_arena_alloc(ex_arena *a, size_t size) {
    size = (size + 15) & ~(size_t)15;
    if (size > a->reserved - a->used)
        return NULL;
    void *p = a->base + a->used;
    a->used += size;
    return p;
}

void *ex_grow_slow(void *array, size_t *capacity, size_t needed, size_t item) {
    size_t grown = *capacity ? *capacity : 16;
    while (grown < needed)
        grown *= 2;
    array = realloc(array, grown * item);
    if (!array)
        abort();
    *capacity = grown;
    return array;
}

void ex_arena_reset(ex_arena *a) {
    a->used = 0;
}

void ex_arena_destroy(ex_arena *a) {
    ex_release(a->base, a->reserved);
    a->base = NULL;
}

void ex_reserve_error(char *buf, size_t len, const char *what, size_t bytes) {
    int error = errno;
    struct rlimit as;
    char limit[64] = "none";
    if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY)
        snprintf(limit, sizeof limit, "%llu KiB", (unsigned long long)(as.rlim_cur / 1024));
    snprintf(buf, len,
             "cannot reserve %zu MiB of address space for %s: %s (the address-space limit, "
             "ulimit -v, is %s)",
             bytes >> 20, what, strerror(error), limit);
}
