/* The runtime's memory helpers: a bump arena reset as a whole (reserved once, so its
 * addresses repeat across executions), growable arrays, and a growable NUL-terminated
 * text buffer. */
#include "execution/runtime.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

bool ex_arena_init(ex_arena *a, size_t reserve) {
    a->base = mmap(NULL, reserve, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    a->used = 0;
    a->reserved = reserve;
    if (a->base == MAP_FAILED) {
        a->base = NULL;
        a->reserved = 0;
        return false;
    }
    return true;
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
    if (a->base)
        munmap(a->base, a->reserved);
    a->base = NULL;
}

static void text_reserve(ex_text *t, size_t extra) {
    if (t->len + extra + 1 <= t->cap)
        return;
    size_t cap = t->cap ? t->cap : 64;
    while (cap < t->len + extra + 1)
        cap *= 2;
    char *data = realloc(t->data, cap);
    if (!data)
        abort();
    t->data = data;
    t->cap = cap;
}

void ex_text_append(ex_text *t, const char *s, size_t n) {
    text_reserve(t, n);
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len] = '\0';
}

void ex_text_vprintf(ex_text *t, const char *fmt, va_list ap) {
    text_reserve(t, 64);
    va_list again;
    va_copy(again, ap);
    bool done = ex_format_simple(t, fmt, &again);
    va_end(again);
    if (done)
        return;
    va_copy(again, ap);
    int n = vsnprintf(t->data + t->len, t->cap - t->len, fmt, ap);
    if (n > 0 && (size_t)n >= t->cap - t->len) { /* did not fit: grow, format again */
        text_reserve(t, (size_t)n);
        vsnprintf(t->data + t->len, (size_t)n + 1, fmt, again);
    }
    if (n > 0)
        t->len += (size_t)n;
    t->data[t->len] = '\0';
    va_end(again);
}

void ex_text_printf(ex_text *t, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    ex_text_vprintf(t, fmt, ap);
    va_end(ap);
}

void ex_text_clear(ex_text *t) {
    t->len = 0;
    if (t->data)
        t->data[0] = '\0';
}

void ex_text_free(ex_text *t) {
    free(t->data);
    t->data = NULL;
    t->len = t->cap = 0;
}
