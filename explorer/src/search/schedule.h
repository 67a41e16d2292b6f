/* Schedules as data: the thread that moved at each step, run-length encoded, and their
 * text form (schedule.c). */
#ifndef EXPLORER_SCHEDULE_H
#define EXPLORER_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "explorer/explorer.h"
#include "util/text.h"

/* A run of consecutive steps by one thread: the unit of schedules. */
typedef struct ex_run {
    uint8_t thread;
    uint32_t steps;
} ex_run;

typedef struct ex_schedule {
    ex_run *runs;
    size_t count, capacity;
} ex_schedule;

void ex_schedule_push_run(ex_schedule *s, int thread, uint64_t steps);
static inline void ex_schedule_push(ex_schedule *s, int thread) { /* (inline: every step) */
    ex_run *last = s->count ? &s->runs[s->count - 1] : NULL;
    if (last && last->thread == thread && last->steps < UINT32_MAX)
        last->steps++;
    else if (s->count < s->capacity)
        s->runs[s->count++] = (ex_run){(uint8_t)thread, 1};
    else
        ex_schedule_push_run(s, thread, 1);
}
void ex_schedule_clear(ex_schedule *s);
void ex_schedule_free(ex_schedule *s);
uint64_t ex_schedule_steps(const ex_schedule *s);
/* malloc'd text; `shared_pages` (a bitmap of `pages` bits) may be NULL */
char *ex_schedule_format(const ex_schedule *s, uint16_t checksum, const uint8_t *shared_pages,
                         size_t pages);
uint16_t ex_schedule_checksum(const ex_module *m); /* of the name and parameter values */
/* `shared` receives the stack pages (unsigned long each) the schedule names */
bool ex_schedule_parse(const char *text, uint16_t checksum, ex_schedule *out, ex_text *shared,
                       char *err, size_t errlen);

#endif
