/* Replay: one execution that follows a recorded schedule step by step, and says exactly
 * where it stops fitting the scenario. */
#include "search/strategy_replay.h"
#include "search/schedule.h"
#include "search/strategy.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct replay {
    ex_strategy base;
    const ex_schedule *schedule;
    size_t run;    /* the run the next step comes from */
    uint32_t used; /* steps of that run already taken */
    bool started;
    char error[200];
} replay;

static int replay_choose(ex_strategy *self, const ex_choice *c) {
    replay *r = (replay *)self;
    while (r->run < r->schedule->count && r->used == r->schedule->runs[r->run].steps) {
        r->run++;
        r->used = 0;
    }
    if (r->run == r->schedule->count) {
        snprintf(r->error, sizeof r->error,
                 "the schedule is too short: it ends after step %llu, the execution goes on",
                 (unsigned long long)c->step);
        r->base.error = r->error;
        return -1;
    }
    int thread = r->schedule->runs[r->run].thread;
    if (!(c->enabled >> thread & 1)) {
        snprintf(r->error, sizeof r->error, "step %llu: thread %d cannot move there (%s)",
                 (unsigned long long)c->step + 1, thread,
                 thread < 64 && c->enabled >> thread == 0 ? "no such thread or blocked"
                                                          : "it is blocked");
        r->base.error = r->error;
        return -1;
    }
    r->used++;
    return thread;
}

static bool replay_next(ex_strategy *self) {
    replay *r = (replay *)self;
    if (r->started)
        return false;
    r->started = true;
    return true;
}

static void replay_destroy(ex_strategy *self) {
    free(self);
}

ex_strategy *ex_strategy_replay_new(const ex_schedule *schedule) {
    replay *r = calloc(1, sizeof *r);
    r->base = (ex_strategy){.kind = EX_SEARCH_REPLAY,
                            .exhaustive = false,
                            .next_execution = replay_next,
                            .choose = replay_choose,
                            .destroy = replay_destroy};
    r->schedule = schedule;
    return &r->base;
}
