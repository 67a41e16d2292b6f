/* Exhaustive depth-first search without reduction (strategy_dfs.c). */
#ifndef EXPLORER_STRATEGY_DFS_H
#define EXPLORER_STRATEGY_DFS_H

#include "search/strategy.h"

ex_strategy *ex_strategy_dfs_new(int preemption_bound); /* < 0: unbounded */

#endif
