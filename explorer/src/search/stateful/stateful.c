/* Stateful search: every schedule with at most K preemptions (or every schedule: no
 * bound), with states merged. Used by --min-preemptions to exclude the bounds below the
 * one that exposes a violation, and by `--stateful [--preemptions K]`.
 *
 * Bounded dfs (strategy_dfs.c) enumerates schedules; at the tutorial's scale (100000
 * iterations, 800000 steps an execution) the schedules with one preemption are 800000
 * executions of 800000 steps. This search instead visits states (state.c): before each new
 * step it looks the state up, with the preemptions still allowed; a state already explored
 * with as many or more is not explored again (the execution ends there, counted as
 * redundant). When no preemption is left, the thread that runs next runs alone until it
 * blocks or ends, and such a run is summarised (summary.c). With both, a preempted
 * worker's remaining steps run a few times, not once per preemption point. (Without a
 * bound no run is ever solo: only states merge.)
 *
 * Order: at a choice point the threads that preempt come first and continuing the current
 * thread comes last, and each choice point with a choice left takes a checkpoint, so that
 * backtracking restores it instead of replaying; only choice points with branches left
 * hold one. Without checkpoints (AddressSanitizer builds) executions replay from the start.
 *
 * What it proves: the set of outcomes reachable within the bound is exact (no state is
 * missed, none is invented, up to hash collisions: the table keeps 96 bits of each state's
 * hash, so about n^2 / 2^97 for n states); execution counts are not schedule counts. The
 * table costs 32 to 48 bytes per state (a 16-byte entry, and 8-byte slots at most half
 * full). */
#include "search/stateful/stateful.h"
#include "search/stateful/state.h"
#include "search/strategy.h"
#include "util/arena.h"
#include "util/hash.h"
#include "util/table.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct choice_point {
    uint64_t step;
    uint64_t allowed; /* the threads that may move here within the bound */
    uint64_t tried;
    uint32_t preempts_before;
    int8_t current;
    uint8_t chosen;
} choice_point;

typedef struct seen {
    uint64_t key;   /* the state's hash (its first half) */
    uint32_t check; /* 32 more bits of it */
    uint32_t left;  /* preemptions that were still allowed when it was explored */
} seen;

typedef struct stateful {
    ex_strategy base;
    choice_point *points;
    size_t count, capacity, depth; /* depth: the next point this execution reaches */
    uint64_t replay_until;         /* steps up to this one repeat the path */
    seen *states;
    size_t state_capacity;
    ex_table index; /* the states (index.count of them), by key */
    int bound;
    uint32_t preempts;
    bool started;
    char error[160];
} stateful;

static uint64_t allowed_at(const stateful *d, const ex_choice *c) {
    if (c->current >= 0 && d->preempts >= (uint32_t)d->bound)
        return 1ull << c->current;
    return c->enabled;
}

/* Preempting threads first (lowest id first), continuing last. */
static int next_of(uint64_t untried, int current) {
    uint64_t others = current >= 0 ? untried & ~(1ull << current) : untried;
    return others ? __builtin_ctzll(others) : current;
}

static bool same_key(const void *states, uint32_t i, const void *key) {
    const seen *s = &((const seen *)states)[i];
    const ex_hash *k = key;
    return s->key == k->a && s->check == (uint32_t)k->b;
}

/* Whether the state `key` was explored with at least `left` preemptions allowed; if not,
 * it is recorded as explored with `left` from now on. */
static bool seen_before(stateful *d, ex_hash key, uint32_t left) {
    ex_table_reserve(&d->index);
    ex_slot *slot = ex_table_find(&d->index, key.a, same_key, d->states, &key);
    if (slot->item) {
        seen *s = &d->states[slot->item - 1];
        if (s->left >= left)
            return true;
        s->left = left;
        return false;
    }
    d->states = ex_grow(d->states, &d->state_capacity, d->index.count + 1, sizeof *d->states);
    d->states[ex_table_add(&d->index, slot, key.a)] = (seen){key.a, (uint32_t)key.b, left};
    return false;
}

static int take(stateful *d, const ex_choice *c, int p) {
    if (c->current >= 0 && p != c->current)
        d->preempts++;
    d->base.solo = d->preempts >= (uint32_t)d->bound;
    return p;
}

static int replay(stateful *d, const ex_choice *c, uint64_t allowed) {
    if (d->depth < d->count && d->points[d->depth].step == c->step) {
        choice_point *f = &d->points[d->depth++];
        if (f->allowed != allowed)
            goto nondeterministic;
        d->preempts = f->preempts_before;
        return take(d, c, f->chosen);
    }
    if (!(allowed & (allowed - 1)))
        return take(d, c, __builtin_ctzll(allowed));
nondeterministic:
    snprintf(d->error, sizeof d->error,
             "the scenario is nondeterministic: a replayed prefix enabled other threads at "
             "step %llu",
             (unsigned long long)c->step + 1);
    d->base.error = d->error;
    return EX_CHOOSE_ERROR;
}

/* Whether this step repeats the path up to its divergence point. */
static bool replaying(const stateful *d, const ex_choice *c) {
    return d->count && c->step <= d->replay_until;
}

static int stateful_choose(ex_strategy *self, const ex_choice *c) {
    stateful *d = (stateful *)self;
    uint64_t allowed = allowed_at(d, c);
    if (replaying(d, c))
        return replay(d, c, allowed);
    int single = (allowed & (allowed - 1)) ? -1 : __builtin_ctzll(allowed);
    /* the state: who continues matters only when another thread could move instead */
    int current = c->current >= 0 && (c->enabled & ~(1ull << c->current)) ? c->current : -1;
    ex_hash key = ex_state_key(c->runtime, c->memory, current);
    if (seen_before(d, key, (uint32_t)d->bound - d->preempts))
        return EX_CHOOSE_BLOCKED;
    if (single >= 0)
        return take(d, c, single);
    d->points = ex_grow(d->points, &d->capacity, d->count + 1, sizeof *d->points);
    int p = next_of(allowed, c->current);
    d->points[d->count++] =
        (choice_point){c->step, allowed, 1ull << p, d->preempts, (int8_t)c->current, (uint8_t)p};
    d->depth = d->count;
    return take(d, c, p);
}

/* A new choice point with a branch left after this one keeps a checkpoint. */
static bool stateful_wants_checkpoint(ex_strategy *self, const ex_choice *c) {
    stateful *d = (stateful *)self;
    uint64_t allowed = allowed_at(d, c);
    return !replaying(d, c) && (allowed & (allowed - 1));
}

static bool stateful_next(ex_strategy *self) {
    stateful *d = (stateful *)self;
    d->depth = 0;
    d->preempts = 0;
    if (ex_first_execution(&d->started))
        return true;
    while (d->count) {
        choice_point *f = &d->points[d->count - 1];
        uint64_t untried = f->allowed & ~f->tried;
        if (untried) {
            f->chosen = (uint8_t)next_of(untried, f->current);
            f->tried |= 1ull << f->chosen;
            d->replay_until = f->step;
            return true;
        }
        d->count--;
    }
    return false;
}

static uint64_t stateful_divergence(ex_strategy *self) {
    const stateful *d = (const stateful *)self;
    return d->count ? d->points[d->count - 1].step : 0;
}

/* Starting at `step` (a checkpoint): the points before it are behind. */
static void stateful_resume(ex_strategy *self, uint64_t step) {
    stateful *d = (stateful *)self;
    size_t i = d->count;
    while (i && d->points[i - 1].step >= step)
        i--;
    d->depth = i;
    d->preempts = i < d->count ? d->points[i].preempts_before : d->preempts;
}

static void stateful_destroy(ex_strategy *self) {
    stateful *d = (stateful *)self;
    free(d->points);
    free(d->states);
    ex_table_free(&d->index);
    free(d);
}

size_t ex_strategy_stateful_states(const ex_strategy *self) {
    return ((const stateful *)self)->index.count;
}

ex_strategy *ex_strategy_stateful_new(int preemption_bound) {
    stateful *d = calloc(1, sizeof *d);
    if (!d)
        abort();
    ex_table_init(&d->index, 1 << 15);
    d->states = ex_grow(NULL, &d->state_capacity, 1 << 15, sizeof *d->states);
    d->base = (ex_strategy){.kind = preemption_bound < 0 ? EX_SEARCH_STATEFUL
                                                         : EX_SEARCH_STATEFUL_BOUNDED,
                            .exhaustive = preemption_bound < 0,
                            .exhausts_bound = preemption_bound >= 0,
                            .next_execution = stateful_next,
                            .choose = stateful_choose,
                            .divergence = stateful_divergence,
                            .resume = stateful_resume,
                            .wants_checkpoint = stateful_wants_checkpoint,
                            .destroy = stateful_destroy,
                            .stateful = true};
    d->bound = preemption_bound < 0 ? INT32_MAX : preemption_bound; /* < 0: no bound */
    return &d->base;
}
