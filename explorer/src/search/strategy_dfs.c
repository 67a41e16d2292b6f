/* Exhaustive depth-first search over every schedule, without reduction: the baseline
 * every other strategy is checked against.
 *
 * The path is a stack of choice points (steps where more than one thread was enabled).
 * An execution replays the path's recorded choices, then extends it: at a new choice point
 * it continues the current thread if it can (so the first schedules have few preemptions),
 * else takes the lowest enabled thread. Between executions the deepest choice point with an
 * untried enabled thread switches to the next one (lowest id first) and everything below
 * it is dropped.
 *
 * With a preemption bound K (--preemptions K) only schedules with at most K preemptions
 * are enumerated: switching away from a thread that could continue costs one, and an
 * alternative that would exceed K is never tried. No reduction is combined with the
 * bound, so no schedule within the bound is lost. */
#include "search/strategy_dfs.h"
#include "search/strategy.h"
#include "util/arena.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct dfs_frame {
    uint64_t enabled;         /* threads enabled at this choice point */
    uint64_t tried;           /* those already chosen here, including `chosen` */
    uint32_t preempts_before; /* preemptions of the schedule before this point */
    int8_t current;           /* the thread that could continue here, or -1 */
    uint8_t chosen;
} dfs_frame;

typedef struct dfs {
    ex_strategy base;
    dfs_frame *frames;
    size_t depth, count, capacity; /* depth: the next frame this execution reaches */
    bool started;
    int bound;         /* most preemptions per schedule; < 0 none */
    uint32_t preempts; /* of the execution in progress */
    char error[160];
} dfs;

static int lowest(uint64_t set) {
    return __builtin_ctzll(set);
}

static int dfs_choose(ex_strategy *self, const ex_choice *c) {
    dfs *d = (dfs *)self;
    if (!(c->enabled & (c->enabled - 1)))
        return lowest(c->enabled);
    if (d->depth < d->count) { /* replaying the path */
        dfs_frame *f = &d->frames[d->depth++];
        if (f->enabled != c->enabled) {
            snprintf(d->error, sizeof d->error,
                     "the scenario is nondeterministic: a replayed prefix enabled other threads "
                     "at step %llu",
                     (unsigned long long)c->step + 1);
            self->error = d->error;
            return -1;
        }
        d->preempts = f->preempts_before + (f->current >= 0 && f->chosen != f->current);
        return f->chosen;
    }
    d->frames = ex_grow(d->frames, &d->capacity, d->count + 1, sizeof *d->frames);
    int pick = c->current >= 0 ? c->current : lowest(c->enabled);
    d->frames[d->count++] =
        (dfs_frame){c->enabled, 1ull << pick, d->preempts, (int8_t)c->current, (uint8_t)pick};
    d->depth++;
    return pick;
}

static bool dfs_next(ex_strategy *self) {
    dfs *d = (dfs *)self;
    d->depth = 0;
    d->preempts = 0;
    if (ex_first_execution(&d->started))
        return true;
    while (d->count) {
        dfs_frame *f = &d->frames[d->count - 1];
        uint64_t untried = f->enabled & ~f->tried;
        if (d->bound >= 0 && f->current >= 0 && f->preempts_before + 1 > (uint32_t)d->bound)
            untried = 0; /* every alternative here would be one preemption too many */
        if (untried) {
            f->chosen = (uint8_t)lowest(untried);
            f->tried |= 1ull << f->chosen;
            return true;
        }
        d->count--;
    }
    return false;
}

static void dfs_destroy(ex_strategy *self) {
    dfs *d = (dfs *)self;
    free(d->frames);
    free(d);
}

ex_strategy *ex_strategy_dfs_new(int preemption_bound) {
    dfs *d = calloc(1, sizeof *d);
    d->base = (ex_strategy){.kind = preemption_bound >= 0 ? EX_SEARCH_DFS_BOUNDED : EX_SEARCH_DFS,
                            .exhaustive = preemption_bound < 0,
                            .exhausts_bound = preemption_bound >= 0,
                            .next_execution = dfs_next,
                            .choose = dfs_choose,
                            .destroy = dfs_destroy};
    d->bound = preemption_bound;
    return &d->base;
}
