/* Optimal dynamic partial-order reduction, the default strategy (dpor.c). */
#ifndef EXPLORER_DPOR_H
#define EXPLORER_DPOR_H

#include "search/strategy.h"

ex_strategy *ex_strategy_dpor_new(int preemption_bound); /* bounded: not exhaustive */

#endif
