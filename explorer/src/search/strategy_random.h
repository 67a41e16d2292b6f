/* Sampling: random walks and PCT (strategy_random.c). */
#ifndef EXPLORER_STRATEGY_RANDOM_H
#define EXPLORER_STRATEGY_RANDOM_H

#include "search/strategy.h"

ex_strategy *ex_strategy_sample_new(bool pct, uint64_t seed, uint64_t runs, int depth);

#endif
