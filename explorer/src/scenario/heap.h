/* The scenario's heap: an arena reset before every execution, and its shadow (heap.c). */
#ifndef EXPLORER_HEAP_H
#define EXPLORER_HEAP_H

#include "execution/runtime.h"

/* Reserves the arena (`reserve` bytes, a multiple of 16) and its shadow. */
bool ex_heap_init(ex_runtime *rt, size_t reserve);
void ex_heap_destroy(ex_runtime *rt);
/* Room in the arena for an object of the runtime's (a lock) that the scenario may not
 * touch; NULL when the arena is full. */
void *ex_heap_object(ex_runtime *rt, size_t size);

#endif
