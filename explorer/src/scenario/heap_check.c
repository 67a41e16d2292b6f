/* The heap's memory checking (see heap_check.h): block headers, the shadow map, the check
 * of heap accesses, and the texts of what it finds. */
#include "scenario/heap_check.h"
#include "analysis/symbols.h"
#include "execution/scheduler.h"

#include <stdio.h>
#include <string.h>

#define G EX_HEAP_GRANULE
#define NO_SITE INT32_MIN

static ex_block *header_at(const ex_runtime *rt, size_t granule) {
    return (ex_block *)(rt->heap.base + granule * G);
}

/* A return address, relative to the scenario module (its code is within 2 GiB of it). */
static int32_t site_of(const ex_runtime *rt, const void *pc) {
    intptr_t d = (intptr_t)pc - (intptr_t)rt->module->scenario;
    return d > INT32_MIN && d <= INT32_MAX ? (int32_t)d : NO_SITE;
}

static const char *site_text(ex_runtime *rt, int32_t site, char *buf, size_t len) {
    const void *pc = (const char *)rt->module->scenario + site;
    if (site == NO_SITE || !ex_symbols_line(ex_symbols_of(rt), pc, buf, len))
        snprintf(buf, len, "?");
    return buf;
}

static const char *pc_text(ex_runtime *rt, const void *pc, char *buf, size_t len) {
    return site_text(rt, site_of(rt, pc), buf, len);
}

void ex_heap_block_mark(ex_runtime *rt, char *p, size_t size, const void *pc) {
    ex_block *b = (ex_block *)(p - G);
    *b = (ex_block){.size = (uint32_t)size,
                    .alloc_site = site_of(rt, pc),
                    .free_site = NO_SITE,
                    .alloc_thread = (uint8_t)rt->exec.current->id};
    uint8_t *shadow = rt->heap_shadow + ((char *)b - rt->heap.base) / G;
    shadow[0] = EX_SHADOW_HEADER;
    memset(shadow + 1, 0, size / G);
    if (size % G)
        shadow[1 + size / G] = (uint8_t)(size % G);
}

void ex_heap_object_mark(ex_runtime *rt, char *p, size_t size) {
    memset(rt->heap_shadow + (p - rt->heap.base) / G, EX_SHADOW_OBJECT, (size + G - 1) / G);
}

/* ---- what a report says ---------------------------------------------------------------- */

/* "the 16-byte block allocated at f.c:10 by MainThread[ and freed at f.c:12 by Thread-1]",
 * with `freed_word` before "freed" ("" or "already "). */
static void describe_block(ex_runtime *rt, ex_text *out, const ex_block *b,
                           const char *freed_word) {
    char site[128];
    ex_text_printf(out, "the %u-byte block allocated at %s by %s", b->size,
                   site_text(rt, b->alloc_site, site, sizeof site),
                   rt->threads[b->alloc_thread].name);
    if (b->freed)
        ex_text_printf(out, " and %sfreed at %s by %s", freed_word,
                       site_text(rt, b->free_site, site, sizeof site),
                       rt->threads[b->free_thread].name);
}

/* Where heap offset `off` is from block `b`: "8 bytes inside ", "1 byte before ", "0 bytes
 * past the end of ". */
static void describe_position(const ex_runtime *rt, ex_text *out, uintptr_t off,
                              const ex_block *b) {
    uintptr_t body = (uintptr_t)((const char *)b - rt->heap.base) + G, end = body + b->size;
    uintptr_t d = off < body ? body - off : off >= end ? off - end : off - body;
    ex_text_printf(out, "%zu byte%s %s", (size_t)d, d == 1 ? "" : "s",
                   off < body   ? "before "
                   : off >= end ? "past the end of "
                                : "inside ");
}

_Noreturn static void report(ex_runtime *rt, ex_text *why) {
    ex_status_text_set(rt, EX_STATUS_CRASH, why->data);
    ex_text_free(why);
    ex_leave_execution(rt);
}

/* ---- finding the block an offset belongs to ---------------------------------------------- */

/* The header at or below granule g, or -1 (none, or the runtime's object comes first). */
static long header_down(const ex_runtime *rt, long g) {
    for (; g >= 0; g--)
        if (rt->heap_shadow[g] == EX_SHADOW_HEADER || rt->heap_shadow[g] == EX_SHADOW_OBJECT)
            return rt->heap_shadow[g] == EX_SHADOW_HEADER ? g : -1;
    return -1;
}

/* The block that heap offset `off` (not one the scenario may touch) is nearest to: the one
 * it lies in, or else the nearer of the blocks before and after it. NULL: none. */
static ex_block *block_near(const ex_runtime *rt, uintptr_t off) {
    long top = (long)(rt->heap.used / G), g = (long)(off / G);
    if (g >= top)
        g = top - 1;
    else if (rt->heap_shadow[g] == EX_SHADOW_OBJECT)
        return NULL;
    if (g < 0 || rt->heap_shadow[g] != EX_SHADOW_HEADER || (uintptr_t)g < off / G) {
        long h = header_down(rt, g);
        return h < 0 ? NULL : header_at(rt, (size_t)h);
    }
    ex_block *after = header_at(rt, (size_t)g); /* off is in a header: overflow or underflow */
    long h = header_down(rt, g - 1);
    if (h < 0)
        return after;
    ex_block *before = header_at(rt, (size_t)h);
    uintptr_t end = (uintptr_t)h * G + G + before->size, start = (uintptr_t)g * G + G;
    return off - end <= start - off ? before : after;
}

/* ---- accesses ------------------------------------------------------------------------------ */

/* The first byte of [off, off + size) the scenario may not touch; UINTPTR_MAX: none. */
static uintptr_t first_bad(const ex_runtime *rt, uintptr_t off, uintptr_t size) {
    for (uintptr_t at = off, end = off + size; at < end;) {
        uintptr_t granule_end = (at / G + 1) * G;
        if (at >= rt->heap.used)
            return at;
        uint8_t s = rt->heap_shadow[at / G];
        if (s >= G || (s && at % G >= s))
            return at;
        if (s && (end < granule_end ? end : granule_end) - at / G * G > s)
            return at / G * G + s;
        at = granule_end;
    }
    return UINTPTR_MAX;
}

void ex_heap_check_slow(ex_runtime *rt, uintptr_t off, uint32_t size, bool write, const void *pc) {
    uintptr_t bad = first_bad(rt, off, size);
    if (bad == UINTPTR_MAX)
        return;
    bool freed = bad < rt->heap.used && rt->heap_shadow[bad / G] == EX_SHADOW_FREED;
    char where[128];
    ex_text why = {0};
    ex_text_printf(&why, "%s: %s %s %u byte%s at %s, ",
                   freed ? "heap-use-after-free" : "heap-buffer-overflow", rt->exec.current->name,
                   write ? "writes" : "reads", size, size == 1 ? "" : "s",
                   pc_text(rt, pc, where, sizeof where));
    const ex_block *b = block_near(rt, bad);
    if (b) {
        describe_position(rt, &why, off, b);
        describe_block(rt, &why, b, "");
    } else {
        ex_text_printf(&why, "at heap+0x%zx, in no block", (size_t)off);
    }
    report(rt, &why);
}

/* ---- frees --------------------------------------------------------------------------------- */

/* "KIND: MainThread frees at f.c:12 " */
static void free_report_begin(ex_runtime *rt, ex_text *why, const char *kind, const char *verb,
                              const void *pc) {
    char where[128];
    ex_text_printf(why, "%s: %s %s at %s ", kind, rt->exec.current->name, verb,
                   pc_text(rt, pc, where, sizeof where));
}

ex_block *ex_heap_block_of(ex_runtime *rt, void *p, const char *verb, const void *pc) {
    uintptr_t off = (uintptr_t)p - (uintptr_t)rt->heap.base;
    if (off % G == 0 && off >= G && off - G < rt->heap.used &&
        rt->heap_shadow[off / G - 1] == EX_SHADOW_HEADER)
        return header_at(rt, off / G - 1);
    const ex_block *b = block_near(rt, off);
    ex_text why = {0};
    free_report_begin(rt, &why, "invalid-free", verb, pc);
    if (b) {
        ex_text_printf(&why, "a pointer ");
        describe_position(rt, &why, off, b);
        describe_block(rt, &why, b, "");
    } else {
        ex_text_printf(&why, "a pointer to heap+0x%zx, in no block", (size_t)off);
    }
    report(rt, &why);
}

void ex_heap_block_free(ex_runtime *rt, ex_block *b, const char *verb, const void *pc) {
    if (b->freed) {
        ex_text why = {0};
        free_report_begin(rt, &why, "double-free", verb, pc);
        describe_block(rt, &why, b, "already ");
        report(rt, &why);
    }
    b->freed = true;
    b->free_site = site_of(rt, pc);
    b->free_thread = (uint8_t)rt->exec.current->id;
    size_t body = ((char *)b - rt->heap.base) / G + 1;
    memset(rt->heap_shadow + body, EX_SHADOW_FREED, (b->size + G - 1) / G);
}

void ex_heap_check_foreign(ex_runtime *rt, void *p, const char *verb, const void *pc) {
    int slot = ex_fiber_stacks_slot(&rt->stacks, (uintptr_t)p);
    bool global = false;
    const ex_module *m = rt->module;
    for (int i = 0; i < m->segment_count; i++)
        global |= (char *)p >= m->segments[i].addr &&
                  (char *)p < m->segments[i].addr + m->segments[i].size;
    if (slot < 0 && !global)
        return;
    ex_text why = {0};
    free_report_begin(rt, &why, "invalid-free", verb, pc);
    if (slot >= 0)
        ex_text_printf(&why, "a pointer into the stack of %s",
                       slot < rt->exec.thread_count ? rt->threads[slot].name : "a thread");
    else
        ex_text_printf(&why, "a pointer into the scenario's global data");
    report(rt, &why);
}
