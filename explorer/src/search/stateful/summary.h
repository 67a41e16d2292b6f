/* Summaries of solo runs, for the stateful search (summary.c). */
#ifndef EXPLORER_SUMMARY_H
#define EXPLORER_SUMMARY_H

#include "execution/runtime.h"

void ex_summary_begin(ex_runtime *rt, int thread, ex_hash key);
void ex_summary_cancel(ex_runtime *rt);
int ex_summary_recording(const ex_runtime *rt); /* the thread recorded, or -1 */
bool ex_summary_allows(const ex_runtime *rt, const ex_thread *t);
void ex_summary_save(ex_runtime *rt); /* the recorded thread has ended */
bool ex_summary_apply(ex_runtime *rt, int thread, ex_hash key);
void ex_summaries_free(ex_runtime *rt);

#endif
