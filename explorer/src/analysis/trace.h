/* Recorded executions described for people, and their lost updates (trace.c). */
#ifndef EXPLORER_TRACE_H
#define EXPLORER_TRACE_H

#include "execution/runtime.h"

void ex_trace_describe(ex_runtime *rt, const ex_event *e, ex_trace_step *out); /* one step */
ex_trace_step *ex_trace_build(ex_runtime *rt, size_t *count);
void ex_diagnose_lost_updates(const ex_trace_step *t, size_t count, char ***list,
                              size_t *list_count);

#endif
