/* State identity for the stateful search: 128-bit hashes of what an execution's future
 * depends on (state.c). */
#ifndef EXPLORER_STATE_H
#define EXPLORER_STATE_H

#include "execution/runtime.h"

ex_hash ex_state_memory(const ex_runtime *rt); /* memory, counters, thread table */
/* the whole state, given its memory hash; `current`: the thread that must continue, or -1 */
ex_hash ex_state_key(const ex_runtime *rt, ex_hash memory, int current);
ex_hash ex_state_solo_key(const ex_runtime *rt, ex_hash memory, int thread); /* summary.c's */
/* thread t takes its pending step: what the step sees goes into t->observed */
void ex_state_observe(ex_runtime *rt, ex_thread *t, bool timed_out, ex_hash memory);
/* thread t's arguments are bound: its observations start from them (stateful search) */
void ex_state_thread_born(const ex_runtime *rt, ex_thread *t);
/* the running thread learns `data` without a step (the clock, another thread's name): it
 * goes into its observations when the search is stateful */
void ex_state_note(ex_runtime *rt, const void *data, size_t n);

#endif
