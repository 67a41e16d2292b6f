/* Checkpoints: saved states of the execution in progress that the next one can start from
 * (checkpoint.c). */
#ifndef EXPLORER_CHECKPOINT_H
#define EXPLORER_CHECKPOINT_H

#include "execution/runtime.h"
#include "search/strategy.h"

void ex_checkpoint_maybe(ex_runtime *rt, ex_thread *self, const ex_choice *c); /* before c */
bool ex_checkpoint_restore(ex_runtime *rt, uint64_t step); /* the deepest up to `step` */
void ex_checkpoints_clear(ex_runtime *rt);
void ex_checkpoints_free(ex_runtime *rt);

#endif
