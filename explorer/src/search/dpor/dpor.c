/* Dynamic partial-order reduction: the default exhaustive strategy.
 *
 * Optimal DPOR (Abdulla, Aronis, Jonsson, Sagonas, JACM 2017): source sets with wakeup
 * trees and sleep sets, stateless -- every execution replays a prefix of the path from
 * the start. When a step e' races with an earlier step e (dependent, of another thread,
 * and ordered only by that dependence: no other step lies between them in happens-before),
 * the sequence v = (the steps after e that do not happen after it) . e' reverses the race;
 * unless a thread asleep before e could start v (its class was explored), v goes into the
 * wakeup tree of the state before e, where it is a no-op if the tree already starts an
 * equivalent execution. Races are collected while an execution runs and inserted when it
 * ends; pending operations that never ran race like steps, so a lock order that ends in a
 * deadlock is still reversed. A state with an empty tree runs any awake thread. Sleep
 * sets make complete executions pairwise inequivalent; with blocking operations a branch
 * can still find its thread blocked, or every thread asleep: such executions end early,
 * counted as redundant.
 *
 * Dependence is dependence.h's; happens-before is history.h's, kept incrementally along
 * the path: a replayed prefix costs only its choices. */
#include "search/dpor/dpor.h"
#include "search/dependence.h"
#include "search/dpor/history.h"
#include "search/dpor/wakeup.h"
#include "search/strategy.h"
#include "util/arena.h"

#include <stdlib.h>

typedef struct sleeper {
    ex_access a; /* its next step */
    uint8_t thread;
    bool ends; /* that step ended the execution (last_step_is_global): it wakes at any step */
} sleeper;

typedef struct dpor_node {
    uint64_t enabled;
    uint64_t sleep;                  /* threads asleep here: d->sleepers[sleep_begin, sleep_end) */
    uint32_t sleep_begin, sleep_end; /* (a stack: only the deepest node's range grows) */
    uint32_t wut;            /* its children are the branches left to run from here (0: none yet) */
    uint32_t branch;         /* the one running; 0 while it is in no tree (see tree_of) */
    ex_access chosen_access; /* its first step: what it sleeps on here once done */
    uint32_t preempts_before; /* preemptions of the schedule before this step */
    int8_t current;           /* the thread that could continue here, or -1 */
    uint8_t chosen;
    bool ends; /* its step ended the execution: see last_step_is_global */
} dpor_node;

/* Step `first` races with `second` (-1: the pending step of `thread`, which never ran). */
typedef struct dpor_race {
    int64_t first, second;
    ex_access a;
    uint8_t thread;
} dpor_race;

/* A step that a later step depends on, and whether their race could be reversed. */
typedef struct candidate {
    int64_t step;
    bool reversible;
} candidate;

typedef struct dpor {
    ex_strategy base;
    dpor_node *nodes;
    size_t depth, count, capacity; /* depth: steps of this execution; count: path */
    ex_history history;            /* of the steps of this execution so far */
    char reserve_error[256];       /* its address space could not be reserved: why */
    ex_wakeup wut;
    uint32_t root; /* the wakeup tree of the initial state */
    sleeper *sleepers;
    size_t sleepers_count, sleepers_capacity;
    uint64_t next_sleep; /* the sleep set of the next state (entries after the deepest's) */
    dpor_race *races;    /* found in this execution */
    size_t race_count, race_capacity;
    ex_wstep *seq; /* a race's reversing sequence */
    size_t seq_capacity;
    candidate *candidates; /* the steps a step may race with */
    size_t candidate_capacity;
    int bound;         /* < 0: none; else alternatives costing more are never tried */
    uint32_t preempts; /* of the execution in progress */
    bool started;
} dpor;

/* Thread p's clock before its step: the last step of each thread it knows of. */
typedef struct known {
    const uint32_t *clock;
    int width;
} known;

/* Whether the clock k knows of step s (of thread q). */
static inline bool knows(const ex_history *h, known k, int q, int64_t s) {
    return q < k.width && h->steps[s].clock <= k.clock[q];
}

/* Adds step `step` of thread q unless it is none or p knows of it already: then it is
 * ordered before p's step in any case, and so is every step before it (which is all the
 * candidates' test for direct races asks of it). */
static inline void add_candidate(dpor *d, size_t *n, known k, int q, int64_t step,
                                 bool reversible) {
    if (step < 0 || knows(&d->history, k, q, step))
        return;
    d->candidates[(*n)++] = (candidate){step, reversible};
}

/* The latest steps of each other thread that thread p's step `a` depends on and p does not
 * know of, and whether each race could be reversed: a blocking acquire is never enabled
 * while the lock is held, so it races with the acquire that took it, not with the release
 * that let it in (a wait with a timeout may fire once due whatever the lock: it checks
 * both). */
static inline __attribute__((always_inline)) size_t
candidates_of(dpor *d, int p, const ex_access *a, int n, int threads, known k) {
    const ex_history *h = &d->history;
    size_t room = (size_t)threads * (2 + 2 * (size_t)n), count = 0;
    d->candidates = ex_grow(d->candidates, &d->candidate_capacity, room, sizeof *d->candidates);
    bool globals = a->mode == GLOBAL || h->latest_global >= 0; /* (else no last_global is set) */
    for (int q = 0; q < threads; q++) {
        if (q == p)
            continue;
        /* a global step depends on everything, and every step on the global ones */
        if (globals)
            add_candidate(d, &count, k, q, a->mode == GLOBAL ? h->last_step[q] : h->last_global[q],
                          true);
        for (int g = 0; g < n; g++) {
            const ex_granule *x = &h->granules[h->touched[g]];
            add_candidate(d, &count, k, q, a->mode == READ ? x->of[q].write : x->of[q].access,
                          true);
            if (x->released) /* (else no release entry is set) */
                add_candidate(d, &count, k, q, x->of[q].release, a->lock != BLOCKING_ACQUIRE);
        }
    }
    return count;
}

static bool already_found(const dpor *d, size_t from, int64_t first) {
    for (size_t r = from; r < d->race_count; r++)
        if (d->races[r].first == first)
            return true;
    return false;
}

/* Thread p's step `a` (step `second`, or -1 for a pending one) races with each reversible
 * candidate e that is not ordered before it otherwise: not known to p before the step (no
 * candidate is), and not happening before another candidate -- except for a taking step (an
 * acquire, a semaphore's acquire, a join), which races with the step that took the lock or unit
 * before it although that one happens before the release that let it in and all its
 * section did. No race either with a thread in `after_all`, or, for a step that moved the
 * clock (`idle`: a sleep ending or a timeout firing when no untimed step could happen),
 * with an untimed step -- unless that step is what kept it waiting (touches `*idle`, what
 * the operation touches when it does not time out: the lock, the event...). */
static inline __attribute__((always_inline)) void find_races(dpor *d, int p, const ex_access *a,
                                                             int n, int threads, int64_t second,
                                                             const ex_access *idle,
                                                             uint64_t after_all) {
    known prior;
    prior.clock = ex_history_prior(&d->history, p, &prior.width);
    size_t count = candidates_of(d, p, a, n, threads, prior), from = d->race_count;
    for (size_t k = 0; k < count; k++) {
        int64_t e = d->candidates[k].step;
        const ex_hstep *x = &d->history.steps[e];
        if (!d->candidates[k].reversible || (idle && !x->timed && !ex_dependent(x->a, *idle)) ||
            (after_all >> x->thread & 1) || already_found(d, from, e))
            continue;
        bool direct = true;
        for (size_t m = 0; m < count && direct && !a->takes; m++)
            direct = d->candidates[m].step <= e ||
                     !ex_history_before(&d->history, e, d->candidates[m].step);
        if (!direct)
            continue;
        d->races = ex_grow(d->races, &d->race_capacity, d->race_count + 1, sizeof *d->races);
        d->races[d->race_count++] = (dpor_race){e, second, *a, (uint8_t)p};
    }
}

/* The threads all of whose steps come before thread p's step: for MainThread's exit, the
 * non-daemon threads (it waits for them to end; it never races with their steps). An
 * exit() waits for nobody. */
static uint64_t comes_after_all(const ex_choice *c, int p) {
    uint64_t mask = 0;
    const ex_op *op = &c->threads[p].pending;
    for (int q = 0; op->kind == EX_OP_EXIT && !op->ends_all && q < c->thread_count; q++)
        if (q != p && !c->threads[q].daemon)
            mask |= 1ull << q;
    return mask;
}

/* Whether thread p's step moves the clock (a sleep ending or a timeout firing when no
 * untimed step can happen) -- for a step not taken (`pending`), only a sleep surely does --
 * and if so, in *base, what the operation touches when it does not time out. */
static inline __attribute__((always_inline)) bool moves_clock(const ex_choice *c, int p,
                                                              bool pending, ex_access *base) {
    const ex_op *op = &c->threads[p].pending;
    bool moves = pending ? op->kind == EX_OP_SLEEP && op->deadline > c->clock
                         : (c->timeouts >> p & 1) && c->clock_moves;
    if (!moves || c->timing_agnostic)
        return false;
    *base = ex_access_of(op, false, false, false);
    return true;
}

/* Thread p's new step performs access `a`: its races, then its place in the history. (A
 * step of the replayed prefix is in the history already: it found its races when it first
 * ran, against the same steps before it.) */
static inline __attribute__((always_inline)) void record_event(dpor *d, int p, const ex_access *a,
                                                               const ex_choice *c) {
    int threads = c->thread_count;
    int n = ex_history_touch(&d->history, a, threads);
    ex_access base;
    bool idle = moves_clock(c, p, false, &base);
    find_races(d, p, a, n, threads, (int64_t)d->history.count, idle ? &base : NULL,
               comes_after_all(c, p));
    ex_history_record(&d->history, p, a, n, threads, c->timeouts >> p & 1);
}

/* Whether thread p is alone with its past: every other thread has ended or not begun, and p
 * knows of all their steps (MainThread once it has joined them all). Then p's step races
 * with no step before it, and no step to come races with it: those of p, and of threads p
 * starts later, come after it. The step needs its clock, but no race check and no entries
 * in the granules (every later step knows of it). */
static bool alone_with_its_past(const dpor *d, const ex_choice *c, int p) {
    if (c->live & ~(1ull << p)) /* (the usual answer, and cheap) */
        return false;
    const ex_history *h = &d->history;
    known prior;
    prior.clock = ex_history_prior(h, p, &prior.width);
    for (int q = 0; q < c->thread_count; q++)
        if (q != p && h->last_step[q] >= 0 && !knows(h, prior, q, h->last_step[q]))
            return false;
    return true;
}

static void push_sleeper(dpor *d, int thread, ex_access a, bool ends) {
    d->sleepers =
        ex_grow(d->sleepers, &d->sleepers_capacity, d->sleepers_count + 1, sizeof *d->sleepers);
    d->sleepers[d->sleepers_count++] = (sleeper){a, (uint8_t)thread, ends};
}

/* The sleep set after thread p's step `a` at node n (the deepest): its sleepers whose
 * pending step is independent, with those steps. */
static void sleep_after(dpor *d, const dpor_node *n, int p, const ex_access *a,
                        const ex_choice *c) {
    d->sleepers_count = n->sleep_end;
    d->next_sleep = 0;
    for (uint32_t k = n->sleep_begin; k < n->sleep_end; k++) {
        int q = d->sleepers[k].thread;
        ex_access b = ex_pending_access(c, q);
        if (q != p && !d->sleepers[k].ends && !ex_dependent(*a, b)) {
            push_sleeper(d, q, b, false);
            d->next_sleep |= 1ull << q;
        }
    }
}

/* With a preemption bound, whether taking thread p at node n stays within it. */
static bool within_bound(const dpor *d, const dpor_node *n, int p) {
    return d->bound < 0 || n->current < 0 || p == n->current ||
           n->preempts_before + 1 <= (uint32_t)d->bound;
}

/* Puts node k's running branch into node k's tree (which exists). */
static void put_in_tree(dpor *d, size_t k) {
    dpor_node *n = &d->nodes[k];
    n->branch = ex_wakeup_add(&d->wut, n->wut, n->chosen, n->chosen_access);
    if (k + 1 < d->count)
        d->nodes[k + 1].wut = n->branch;
}

/* The wakeup tree of node i, made if it is not yet. A fresh branch -- a step the tree did
 * not ask for, run because the tree was empty -- goes into no tree while nothing is
 * inserted below it (the usual case, as in the steps after the last race of an
 * execution): the node after it has no tree then (0, whose children are none). Insertion
 * at a node never descends into its running branch (that branch's step is the first of
 * the race being reversed, dependent on the sequence's last step), so a running branch
 * left out of its tree changes nothing until the tree of a later node is needed. */
static uint32_t tree_of(dpor *d, size_t i) {
    size_t k = i;
    while (!d->nodes[k].wut) /* (node 0's is the root) */
        k--;
    for (; k < i; k++)
        put_in_tree(d, k);
    return d->nodes[i].wut;
}

/* A branch that cannot start at node n (virtual time: a step enabled only when no other
 * is) stands for orders the tree cannot spell: as classic DPOR does, every awake thread
 * gets a branch of its own there. Their steps count as global: no sequence takes one of
 * them for a step it commutes with. */
static void branch_every_awake(dpor *d, dpor_node *n) {
    uint64_t has = 0;
    for (uint32_t b = ex_wakeup_first(&d->wut, n->wut); b; b = d->wut.nodes[b].next_sibling)
        has |= 1ull << d->wut.nodes[b].thread;
    for (uint64_t todo = n->enabled & ~n->sleep & ~has; todo; todo &= todo - 1)
        ex_wakeup_add(&d->wut, n->wut, __builtin_ctzll(todo),
                      (ex_access){0, 0, GLOBAL, NOT_LOCK, -1, false});
}

/* Whether node n can take its wakeup tree's branch b: its thread can move and is awake. */
static bool can_take(const dpor *d, const dpor_node *n, uint32_t b) {
    int p = d->wut.nodes[b].thread;
    return (n->enabled >> p & 1) && !(n->sleep >> p & 1) && within_bound(d, n, p);
}

/* Node n takes the first branch of its wakeup tree it can, dropping those before it. */
static bool take_branch(dpor *d, dpor_node *n) {
    uint32_t b;
    while ((b = ex_wakeup_first(&d->wut, n->wut)) && !can_take(d, n, b)) {
        bool blocked = !(n->enabled >> d->wut.nodes[b].thread & 1);
        ex_wakeup_remove(&d->wut, n->wut, b);
        if (blocked)
            branch_every_awake(d, n);
    }
    if (!b)
        return false;
    n->branch = b;
    n->chosen = d->wut.nodes[b].thread;
    return true;
}

/* The state after the path: its wakeup tree is the rest of the branch that led here;
 * empty, any awake thread starts a branch. NULL: nothing to run (redundant). */
static dpor_node *new_node(dpor *d, const ex_choice *c, size_t i) {
    d->nodes = ex_grow(d->nodes, &d->capacity, d->count + 1, sizeof *d->nodes);
    dpor_node *n = &d->nodes[d->count++];
    *n = (dpor_node){.enabled = c->enabled,
                     .sleep = d->next_sleep,
                     .sleep_begin = i ? d->nodes[i - 1].sleep_end : 0,
                     .sleep_end = (uint32_t)d->sleepers_count,
                     .wut = i ? d->nodes[i - 1].branch : d->root,
                     .preempts_before = d->preempts,
                     .current = (int8_t)c->current};
    bool had_branches = ex_wakeup_first(&d->wut, n->wut) != 0;
    if (had_branches && take_branch(d, n))
        return n;
    uint64_t awake = c->enabled & ~n->sleep;
    if (had_branches || !awake) {
        d->count--;
        d->sleepers_count = n->sleep_begin;
        return NULL;
    }
    int p = c->current >= 0 && (awake >> c->current & 1) ? c->current : __builtin_ctzll(awake);
    n->branch = 0; /* fresh: in no tree yet (tree_of) */
    n->chosen = (uint8_t)p;
    return n;
}

static int dpor_choose(ex_strategy *self, const ex_choice *c) {
    dpor *d = (dpor *)self;
    size_t i = d->depth++;
    dpor_node *n;
    if (i < d->count) { /* replaying the path; its last node takes its new choice */
        n = &d->nodes[i];
        if (n->enabled != c->enabled) {
            self->error = "the scenario is nondeterministic: a replayed prefix enabled other "
                          "threads";
            return EX_CHOOSE_ERROR;
        }
        if (i + 1 < d->count) /* the history has this step already */
            return n->chosen;
    } else if (!(n = new_node(d, c, i))) {
        d->depth--;
        return EX_CHOOSE_BLOCKED;
    }
    int p = n->chosen; /* the deepest node: a step the history has not seen */
    d->preempts = n->preempts_before + (n->current >= 0 && p != n->current);
    const ex_op *op = &c->threads[p].pending;
    ex_access a = ex_access_of(op, c->timeouts >> p & 1, c->clock_moves, c->timing_agnostic);
    n->chosen_access = a;
    /* a fresh branch goes into its tree only when needed (tree_of), as `a`; a timed step
     * at once, as it may yet run */
    if (!n->branch && (op->deadline >= 0 || op->kind == EX_OP_SLEEP))
        n->branch = ex_wakeup_add(&d->wut, tree_of(d, i), p, ex_pending_access(c, p));
    if (alone_with_its_past(d, c, p))
        ex_history_record(&d->history, p, &n->chosen_access, 0, c->thread_count,
                          c->timeouts >> p & 1);
    else
        record_event(d, p, &n->chosen_access, c);
    sleep_after(d, n, p, &n->chosen_access, c); /* those tried here before p sleep below it */
    return p;
}

/* The sequence that reverses race r: the steps after its first that do not happen after
 * it, then its second step. */
static size_t reversal(dpor *d, const dpor_race *r) {
    size_t n = 0;
    d->seq = ex_grow(d->seq, &d->seq_capacity, d->depth + 1, sizeof *d->seq);
    const ex_hstep *steps = d->history.steps;
    uint64_t after = 1ull << steps[r->first].thread; /* threads whose steps from here are */
    for (size_t k = (size_t)r->first + 1; k < d->depth; k++) {
        int t = steps[k].thread;
        if (after >> t & 1)
            continue;
        if (ex_history_before(&d->history, r->first, (int64_t)k))
            after |= 1ull << t; /* and so are its later steps */
        else
            d->seq[n++] = (ex_wstep){steps[k].a, (uint8_t)t, false};
    }
    d->seq[n++] = (ex_wstep){r->a, r->thread, false};
    return n;
}

/* Race r's reversal goes into the wakeup tree of the state before its first step, unless
 * a thread asleep there could start it. */
static void reverse(dpor *d, const dpor_race *r) {
    size_t n = reversal(d, r);
    dpor_node *at = &d->nodes[r->first];
    if (!(at->enabled >> d->seq[0].thread & 1)) {
        tree_of(d, (size_t)r->first);
        if (!at->branch) /* (its thread has a branch: it needs no other) */
            put_in_tree(d, (size_t)r->first);
        branch_every_awake(d, at);
        return;
    }
    for (uint32_t k = at->sleep_begin; k < at->sleep_end; k++)
        if (ex_wakeup_weak_initial(d->seq, n, d->sleepers[k].thread, d->sleepers[k].a))
            return;
    ex_wakeup_insert(&d->wut, tree_of(d, (size_t)r->first), d->seq, n);
}

/* The last step ended the execution (its thread's failed check, misuse or crash came
 * after it): it stopped every other thread, so it depends on all their steps, as
 * MainThread's exit does. Its races are found again as a global step's, and once its
 * branch is done its thread sleeps there only until the next step, whatever that is (its
 * pending operation alone would let it sleep past steps it does not commute with: found
 * on global_dict -p gil=0, where dpor then missed outcomes). Its branch in the wakeup tree
 * is global too: with its own access, a sequence it commutes with counted as covered by
 * it, though nothing ran after it (found on random programs with a daemon thread whose
 * check fails: dpor missed 2 of 5 outcomes). */
static void last_step_is_global(dpor *d, const ex_choice *c) {
    size_t last = d->depth - 1;
    dpor_node *n = &d->nodes[last];
    ex_access a = ex_whole(GLOBAL);
    ex_history_undo(&d->history, last);
    n->chosen_access = a;
    n->ends = true;
    if (n->branch) /* in the tree too: no sequence goes on after it */
        d->wut.nodes[n->branch].a = a;
    record_event(d, n->chosen, &n->chosen_access, c);
}

/* Threads that never got to run their pending step race like any other step; then every
 * race of the execution is reversed. */
static void dpor_end(ex_strategy *self, const ex_choice *c) {
    dpor *d = (dpor *)self;
    if (c->stopped && d->depth && d->depth == d->history.count && d->depth == d->count &&
        (c->live & ~(1ull << d->nodes[d->depth - 1].chosen))) /* (an early end stops them) */
        last_step_is_global(d, c);
    for (uint64_t live = c->live; live; live &= live - 1) {
        int p = __builtin_ctzll(live);
        ex_access a = ex_pending_access(c, p);
        int n = ex_history_touch(&d->history, &a, c->thread_count);
        ex_access base;
        bool idle = moves_clock(c, p, true, &base);
        find_races(d, p, &a, n, c->thread_count, -1, idle ? &base : NULL, comes_after_all(c, p));
    }
    for (size_t r = 0; r < d->race_count; r++)
        reverse(d, &d->races[r]);
    d->race_count = 0;
}

/* Backtracking: the deepest node's branch is done (its thread sleeps there from now on);
 * it takes the next branch of its tree, or leaves the path. */
static bool dpor_next(ex_strategy *self) {
    dpor *d = (dpor *)self;
    d->depth = 0;
    d->preempts = 0;
    if (ex_first_execution(&d->started))
        return true;
    while (d->count) {
        dpor_node *n = &d->nodes[d->count - 1];
        if (n->branch)
            ex_wakeup_remove(&d->wut, n->wut, n->branch);
        if (ex_wakeup_first(&d->wut, n->wut)) { /* (none left: n leaves, its sleepers too) */
            d->sleepers_count = n->sleep_end;
            push_sleeper(d, n->chosen, n->chosen_access, n->ends); /* (branches start awake) */
            n->sleep_end++;
            n->sleep |= 1ull << n->chosen;
            if (take_branch(d, n)) {
                ex_history_undo(&d->history, d->count - 1); /* back to the state before n */
                return true;
            }
        }
        d->sleepers_count = n->sleep_begin;
        d->count--;
    }
    return false;
}

static uint64_t dpor_divergence(ex_strategy *self) {
    const dpor *d = (const dpor *)self;
    return d->count ? d->count - 1 : 0;
}

static void dpor_resume(ex_strategy *self, uint64_t step) {
    ((dpor *)self)->depth = step;
}

static void dpor_destroy(ex_strategy *self) {
    dpor *d = (dpor *)self;
    free(d->nodes);
    ex_history_free(&d->history);
    free(d->sleepers);
    free(d->races);
    free(d->seq);
    free(d->candidates);
    ex_wakeup_free(&d->wut);
    free(d);
}

/* With a preemption bound the reduction is cut at the bound: alternatives past it are
 * dropped, which can lose schedules within the bound too (a known limit of combining the
 * two naively): the search finds bugs fast but proves nothing. */
ex_strategy *ex_strategy_dpor_new(int preemption_bound) {
    dpor *d = calloc(1, sizeof *d);
    if (!d)
        abort();
    d->base = (ex_strategy){.kind = preemption_bound < 0 ? EX_SEARCH_DPOR : EX_SEARCH_DPOR_BOUNDED,
                            .exhaustive = preemption_bound < 0,
                            .next_execution = dpor_next,
                            .choose = dpor_choose,
                            .end_execution = dpor_end,
                            .divergence = dpor_divergence,
                            .resume = dpor_resume,
                            .destroy = dpor_destroy};
    d->bound = preemption_bound;
    if (!ex_history_init(&d->history)) {
        ex_history_reserve_error(d->reserve_error, sizeof d->reserve_error);
        d->base.error = d->reserve_error; /* next_execution says no: the search reports it */
    }
    d->root = ex_wakeup_node(&d->wut, 0, (ex_access){0});
    return &d->base;
}
