/* Data races over the recorded executions of a search (race.c). */
#ifndef EXPLORER_RACE_H
#define EXPLORER_RACE_H

#include "execution/runtime.h"

typedef struct ex_races ex_races;
ex_races *ex_races_new(void);
void ex_races_free(ex_races *r);
void ex_races_check(ex_races *r, const ex_event *events, size_t count, const ex_thread *threads);
size_t ex_races_describe(ex_races *r, ex_runtime *rt, char ***list, size_t *list_count);

#endif
