/* Sampling for programs too large to exhaust: random walks and PCT.
 *
 * random: at every step, a thread chosen uniformly among the enabled ones.
 * pct: probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte,
 * ASPLOS 2010). Each thread gets a random priority above `depth` when it first appears;
 * the highest-priority enabled thread runs; at depth-1 random steps (drawn over the length
 * of the longest execution so far) the running thread's priority drops below every
 * initial one. A bug of depth d is found by one run with probability at least
 * 1/(n k^(d-1)) for n threads and k steps.
 *
 * Both are reproducible: run i draws from a generator seeded with (seed, i), so the
 * printed seed replays the whole sample. Neither is exhaustive. */
#include "search/strategy_random.h"
#include "search/strategy.h"
#include "util/hash.h"

#include <stdlib.h>

typedef struct sampler {
    ex_strategy base;
    uint64_t seed, runs, run, rng;
    bool pct;
    int depth;
    uint64_t longest;       /* steps of the longest execution so far */
    uint64_t change_at[16]; /* pct: steps where the running thread is demoted */
    int changes;
    uint64_t priority[EX_MAX_THREADS]; /* 0: not seen yet in this execution */
} sampler;

static int nth_set_bit(uint64_t set, uint64_t n) {
    for (; n; n--)
        set &= set - 1;
    return __builtin_ctzll(set);
}

static int pct_choose(sampler *s, const ex_choice *c) {
    for (int k = 0; k < s->changes; k++)
        if (s->change_at[k] == c->step && c->current >= 0)
            s->priority[c->current] = (uint64_t)(s->changes - k); /* below every initial one */
    int best = -1;
    for (uint64_t e = c->enabled; e; e &= e - 1) {
        int t = __builtin_ctzll(e);
        if (!s->priority[t]) /* a new thread: a random priority above depth */
            s->priority[t] = (uint64_t)s->depth + 1 + ex_splitmix64(&s->rng) % (1u << 30);
        if (best < 0 || s->priority[t] > s->priority[best])
            best = t;
    }
    return best;
}

static int sampler_choose(ex_strategy *self, const ex_choice *c) {
    sampler *s = (sampler *)self;
    if (s->pct)
        return pct_choose(s, c);
    uint64_t n = (uint64_t)__builtin_popcountll(c->enabled);
    return nth_set_bit(c->enabled, n == 1 ? 0 : ex_splitmix64(&s->rng) % n);
}

static void sampler_end(ex_strategy *self, const ex_choice *c) {
    sampler *s = (sampler *)self;
    if (c->step > s->longest)
        s->longest = c->step;
}

static bool sampler_next(ex_strategy *self) {
    sampler *s = (sampler *)self;
    if (s->run == s->runs)
        return false;
    s->rng = s->seed ^ (s->run++ * 0xD1B54A32D192ED03ull);
    for (int t = 0; t < EX_MAX_THREADS; t++)
        s->priority[t] = 0;
    uint64_t k = s->longest ? s->longest : 1000;
    s->changes = s->depth - 1 < 16 ? s->depth - 1 : 16;
    for (int i = 0; i < s->changes; i++)
        s->change_at[i] = 1 + ex_splitmix64(&s->rng) % k;
    return true;
}

static void sampler_destroy(ex_strategy *self) {
    free(self);
}

ex_strategy *ex_strategy_sample_new(bool pct, uint64_t seed, uint64_t runs, int depth) {
    sampler *s = calloc(1, sizeof *s);
    s->base = (ex_strategy){.kind = pct ? EX_SEARCH_PCT : EX_SEARCH_RANDOM,
                            .exhaustive = false,
                            .next_execution = sampler_next,
                            .choose = sampler_choose,
                            .end_execution = sampler_end,
                            .destroy = sampler_destroy};
    s->pct = pct;
    s->seed = seed;
    s->runs = runs;
    s->depth = depth < 1 ? 1 : depth;
    return &s->base;
}
