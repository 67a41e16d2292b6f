/* An execution's Mazurkiewicz trace, computed independently of the explorer: see trace.h. */
#include "trace.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

/* ---- a set of 128-bit fingerprints ----------------------------------------------------- */

/* Adds `f`; false if it was there already. */
bool set_add(print_set *set, fingerprint f) {
    if (set->count * 2 >= set->capacity) {
        print_set bigger = {calloc(set->capacity ? set->capacity * 2 : 256, sizeof(fingerprint)), 0,
                            set->capacity ? set->capacity * 2 : 256};
        for (size_t i = 0; i < set->capacity; i++)
            if (set->slots[i].a | set->slots[i].b)
                set_add(&bigger, set->slots[i]);
        free(set->slots);
        *set = bigger;
    }
    size_t mask = set->capacity - 1;
    for (size_t i = f.a & mask;; i = (i + 1) & mask) {
        fingerprint *s = &set->slots[i];
        if (!(s->a | s->b)) {
            *s = f;
            set->count++;
            return true;
        }
        if (s->a == f.a && s->b == f.b)
            return false;
    }
}

bool set_has(const print_set *set, fingerprint f) {
    size_t mask = set->capacity - 1;
    for (size_t i = f.a & mask; set->capacity && (set->slots[i].a | set->slots[i].b);
         i = (i + 1) & mask)
        if (set->slots[i].a == f.a && set->slots[i].b == f.b)
            return true;
    return false;
}

void set_free(print_set *set) {
    free(set->slots);
    memset(set, 0, sizeof *set);
}

static void mix(fingerprint *f, uint64_t v) {
    f->a = (f->a ^ v) * 0x100000001B3ull;
    f->b = (f->b + v + 0x9E3779B97F4A7C15ull) * 0xBF58476D1CE4E5B9ull;
    f->b ^= f->b >> 31;
}

fingerprint fingerprint_text(const char *s) {
    fingerprint f = {0xCBF29CE484222325ull, 1};
    for (; *s; s++)
        mix(&f, (unsigned char)*s);
    mix(&f, 0xFF);
    return f;
}

/* ---- the trace of an execution, computed independently of the explorer's DPOR ---------- */

typedef struct object_ref {
    uint64_t key; /* an address, a thread, or stdout */
    size_t event;
} object_ref;

static int by_object_then_order(const void *a, const void *b) {
    const object_ref *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->event < y->event ? -1 : x->event > y->event;
}

static bool is_write(const ex_event *e) {
    return e->kind != EX_OP_READ && e->kind != EX_OP_JOIN && e->kind != EX_OP_EVENT_WAIT &&
           e->kind != EX_OP_SLEEP && e->kind != EX_OP_BEGIN && e->kind != EX_OP_QUERY;
}

/* A sleep or timeout that fired moved the virtual clock: it could only happen once every
 * other thread was blocked, so it is dependent with every step. */
static bool is_global(const ex_event *e) {
    return e->timed;
}

static bool object_of(const ex_event *e, uint64_t *key) {
    switch (e->kind) {
    case EX_OP_EXIT: /* always the last step: its place never changes */
        return false;
    case EX_OP_BEGIN: /* depends only on global steps (an exit would end the thread) */
        *key = 3000 + (uint64_t)e->thread;
        return true;
    case EX_OP_SLEEP: /* a sleep that was already due reads the virtual clock */
        *key = 2;
        return true;
    case EX_OP_START:
    case EX_OP_JOIN:
    case EX_OP_END:
        *key = 1000 + (uint64_t)e->target; /* the thread object */
        return true;
    case EX_OP_QUERY: /* is_alive() reads the thread object; locked() the lock */
        *key = e->target >= 0 ? 1000 + (uint64_t)e->target : e->object;
        return true;
    case EX_OP_PRINT:
        *key = 1; /* stdout */
        return true;
    default:
        *key = e->object;
        return true;
    }
}

static int by_number(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Per object, in execution order: each write, and the set of reads between writes. Two
 * executions have the same fingerprint exactly when they order every dependent pair alike
 * (up to a 128-bit hash collision). */
/* Reads between two writes commute: they enter as a sorted set. */
static void flush_reads(fingerprint *f, uint64_t *reads, size_t *read_count) {
    if (!*read_count)
        return;
    qsort(reads, *read_count, sizeof *reads, by_number);
    mix(f, 'R');
    for (size_t r = 0; r < *read_count; r++)
        mix(f, reads[r]);
    *read_count = 0;
}

static void mix_step(fingerprint *f, const ex_event *events, const int *local, size_t i,
                     uint64_t *reads, size_t *read_count) {
    uint64_t who = (uint64_t)events[i].thread << 32 | (uint32_t)local[i];
    if (!is_write(&events[i]) && !is_global(&events[i])) {
        reads[(*read_count)++] = who;
        return;
    }
    flush_reads(f, reads, read_count);
    mix(f, 'W');
    mix(f, who);
}

/* Per object, in execution order: each write, and the set of reads between writes; global
 * steps count as writes of every object (and of one of their own). Two executions have the
 * same fingerprint exactly when they order every dependent pair alike (up to a 128-bit hash
 * collision). */
fingerprint trace_fingerprint(const ex_event *events, size_t count) {
    enum { MAX_EVENTS = 4096 };
    static int local[MAX_EVENTS];
    static object_ref refs[MAX_EVENTS * 8];
    static uint64_t reads[MAX_EVENTS];
    static size_t globals[MAX_EVENTS];
    int next_local[64] = {0};
    size_t n = 0, global_count = 0;
    assert_true(count <= MAX_EVENTS);
    for (size_t i = 0; i < count; i++) {
        local[i] = next_local[events[i].thread]++;
        uint64_t key;
        const ex_event *e = &events[i];
        bool memory = e->kind == EX_OP_READ || e->kind == EX_OP_WRITE || e->kind == EX_OP_RMW;
        if (is_global(e)) {
            globals[global_count++] = i;
        } else if (memory) { /* memory depends per 8-byte block, as the explorer's search */
            uint64_t last = (e->object + (e->size ? e->size : 1) - 1) >> 3;
            for (uint64_t g = e->object >> 3; g <= last; g++) {
                assert_true(n < MAX_EVENTS * 8);
                refs[n++] = (object_ref){g | 1ull << 63, i};
            }
        } else if (object_of(e, &key)) {
            assert_true(n < MAX_EVENTS * 8);
            refs[n++] = (object_ref){key, i};
        }
    }
    qsort(refs, n, sizeof *refs, by_object_then_order);
    fingerprint f = {0xCBF29CE484222325ull, 7};
    for (int t = 0; t < 64; t++) /* which steps: each thread's count */
        if (next_local[t])
            mix(&f, (uint64_t)t << 32 | (uint32_t)next_local[t]);
    mix(&f, 'G'); /* the global steps' own sequence */
    for (size_t g = 0; g < global_count; g++)
        mix(&f, (uint64_t)events[globals[g]].thread << 32 | (uint32_t)local[globals[g]]);
    for (size_t k = 0; k < n;) {
        size_t end = k, g = 0, read_count = 0;
        while (end < n && refs[end].key == refs[k].key)
            end++;
        mix(&f, 'O');
        mix(&f, refs[k].key);
        for (; k < end || g < global_count;) { /* merge the object's steps with the globals */
            bool take_global = g < global_count && (k == end || globals[g] < refs[k].event);
            mix_step(&f, events, local, take_global ? globals[g++] : refs[k++].event, reads,
                     &read_count);
        }
        flush_reads(&f, reads, &read_count);
    }
    return f;
}
