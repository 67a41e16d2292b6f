/* The stateful search: schedules with states merged (stateful.c). */
#ifndef EXPLORER_STATEFUL_H
#define EXPLORER_STATEFUL_H

#include "search/strategy.h"

ex_strategy *ex_strategy_stateful_new(int preemption_bound);
size_t ex_strategy_stateful_states(const ex_strategy *self); /* distinct states seen */

#endif
