/* Replay of one recorded schedule (strategy_replay.c). */
#ifndef EXPLORER_STRATEGY_REPLAY_H
#define EXPLORER_STRATEGY_REPLAY_H

#include "search/strategy.h"
#include "search/schedule.h"

ex_strategy *ex_strategy_replay_new(const ex_schedule *schedule);

#endif
