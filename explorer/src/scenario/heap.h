/* The scenario's heap, an arena reset before every execution (heap.c). */
#ifndef EXPLORER_HEAP_H
#define EXPLORER_HEAP_H

#include "execution/runtime.h"

void ex_heap_reset(ex_runtime *rt);

#endif
