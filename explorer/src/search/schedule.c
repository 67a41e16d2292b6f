/* Schedules as data: the thread that moved at each step, run-length encoded, and their
 * text form, which any reported outcome carries and `explorer replay` reads back:
 *
 *     v1.3fa2:0x3,1x12,2x6,0x3
 *
 * "v1" is the format version and "3fa2" a checksum of the scenario's name and parameter
 * values, so that a schedule given to another scenario, or with other -p values, is
 * refused with a clear message; each `TxN` says thread T (0 = MainThread, then threads in
 * creation order) took N consecutive steps; an execution of no step at all has none.
 * Steps are the scheduling points listed in docs/design.md. A suffix "/s=P,P" names
 * fiber-stack pages the search had marked shared (see hooks.c), so that a replay sees the
 * same steps. Every character is safe in a shell word. */
#include "search/schedule.h"
#include "execution/runtime.h"
#include "util/arena.h"
#include "util/text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ex_schedule_push_run(ex_schedule *s, int thread, uint64_t steps) {
    for (; steps > UINT32_MAX; steps -= UINT32_MAX) /* a run's count is 32 bits */
        ex_schedule_push_run(s, thread, UINT32_MAX);
    if (!steps)
        return;
    if (s->count && s->runs[s->count - 1].thread == thread &&
        s->runs[s->count - 1].steps <= UINT32_MAX - steps) {
        s->runs[s->count - 1].steps += (uint32_t)steps;
        return;
    }
    s->runs = ex_grow(s->runs, &s->capacity, s->count + 1, sizeof *s->runs);
    s->runs[s->count++] = (ex_run){(uint8_t)thread, (uint32_t)steps};
}

void ex_schedule_clear(ex_schedule *s) {
    s->count = 0;
}

void ex_schedule_free(ex_schedule *s) {
    free(s->runs);
    memset(s, 0, sizeof *s);
}

uint64_t ex_schedule_steps(const ex_schedule *s) {
    uint64_t n = 0;
    for (size_t i = 0; i < s->count; i++)
        n += s->runs[i].steps;
    return n;
}

uint16_t ex_schedule_checksum(const ex_module *m) {
    uint32_t h = 2166136261u;
    ex_text key = {0};
    ex_text_printf(&key, "%s", ex_module_name(m));
    for (size_t i = 0; i < ex_module_param_count(m); i++) {
        long value;
        const char *name = ex_module_param(m, i, NULL, NULL, &value);
        ex_text_printf(&key, ";%s=%ld", name, value);
    }
    for (size_t i = 0; i < key.len; i++)
        h = (h ^ (uint8_t)key.data[i]) * 16777619u;
    ex_text_free(&key);
    return (uint16_t)(h ^ (h >> 16));
}

char *ex_schedule_format(const ex_schedule *s, uint16_t checksum, const uint8_t *shared_pages,
                         size_t pages) {
    ex_text t = {0};
    ex_text_printf(&t, "v1.%04x:", checksum);
    for (size_t i = 0; i < s->count; i++)
        ex_text_printf(&t, "%s%ux%u", i ? "," : "", s->runs[i].thread, s->runs[i].steps);
    const char *sep = "/s=";
    for (size_t p = 0; shared_pages && p < pages; p++) {
        if (!shared_pages[p >> 3]) { /* nearly always: skip the byte */
            p |= 7;
            continue;
        }
        if (shared_pages[p >> 3] >> (p & 7) & 1) {
            ex_text_printf(&t, "%s%zu", sep, p);
            sep = ",";
        }
    }
    return t.data;
}

static bool parse_number(const char **p, unsigned long max, unsigned long *out) {
    char *end;
    if (**p < '0' || **p > '9')
        return false;
    errno = 0;
    unsigned long v = strtoul(*p, &end, 10);
    if (errno || v > max)
        return false;
    *out = v;
    *p = end;
    return true;
}

static bool fail(char *err, size_t errlen, const char *text, const char *at, const char *what) {
    snprintf(err, errlen, "bad schedule at character %zu: %s", (size_t)(at - text) + 1, what);
    return false;
}

bool ex_schedule_parse(const char *text, uint16_t checksum, ex_schedule *out, ex_text *shared,
                       char *err, size_t errlen) {
    ex_schedule_clear(out);
    unsigned found;
    int used = 0;
    if (strncmp(text, "v1.", 3) != 0 || sscanf(text + 3, "%4x:%n", &found, &used) != 1 || used != 5)
        return fail(err, errlen, text, text,
                    "expected the version prefix \"v1.XXXX:\" (a schedule looks like "
                    "v1.3fa2:0x3,1x2)");
    if (found != checksum) {
        snprintf(err, errlen,
                 "this schedule was recorded for another scenario or other -p values "
                 "(checksum %04x; this scenario with these values has %04x)",
                 found, checksum);
        return false;
    }
    const char *p = text + 8;
    while (*p && *p != '/') {
        unsigned long thread, steps;
        if (!parse_number(&p, EX_MAX_THREADS - 1, &thread))
            return fail(err, errlen, text, p, "expected a thread number (0-63)");
        if (*p++ != 'x')
            return fail(err, errlen, text, p - 1, "expected 'x' after the thread number");
        const char *count = p;
        if (!parse_number(&p, UINT32_MAX, &steps) || steps == 0)
            return fail(err, errlen, text, count, "expected a step count of at least 1");
        ex_schedule_push_run(out, (int)thread, steps); /* merges, split at 2^32 - 1 */
        if (*p == ',' && (!p[1] || p[1] == '/'))
            return fail(err, errlen, text, p + 1, "expected a thread number (0-63)");
        if (*p == ',')
            p++;
        else if (*p && *p != '/')
            return fail(err, errlen, text, p, "unexpected text after the schedule");
    }
    if (strncmp(p, "/s=", 3) == 0) {
        p += 3;
        for (;;) {
            unsigned long page;
            if (!parse_number(&p, 1ul << 30, &page))
                return fail(err, errlen, text, p, "expected a stack page number");
            ex_text_append(shared, (const char *)&page, sizeof page);
            if (*p != ',')
                break;
            p++;
        }
    }
    if (*p)
        return fail(err, errlen, text, p, "unexpected text after the schedule");
    return true;
}
