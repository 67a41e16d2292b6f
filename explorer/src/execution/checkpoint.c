/* Checkpoints: saved states of the execution in progress, so that the next execution can
 * start from one instead of replaying its prefix from the beginning.
 *
 * A stateless search replays, before each new choice, the steps that lead to it: on the
 * balance scenarios two thirds of all steps are replays. Every byte an execution can change
 * is known (DESIGN.md: the module's writable data, the heap and scratch arenas, the fiber
 * stacks at fixed addresses, the runtime's thread table), so a state is saved by copying
 * those bytes while every other fiber is switched out. The running thread takes a checkpoint
 * at a scheduling point, before the choice: it saves its context as a switch would and
 * copies the state from below that frame (ex_fiber_save), without switching away. A new
 * execution starts from the deepest checkpoint at or before
 * the first step whose choice differs (the strategy's `divergence`), and the strategy skips
 * its choices up to there (`resume`).
 *
 * Checkpoints are taken every `spacing` steps, but none past the deepest divergence seen so
 * far: the executions of a search tend to end alike (on the balance scenarios, MainThread's
 * joins, read and print, where nothing is left to choose), and taken every 8 steps to the
 * end, 5 in 6 checkpoints were dropped unused. An execution that diverges deeper replays
 * from the last checkpoint before the limit, and moves the limit. When MAX are held, every
 * other one is dropped and the spacing doubles, so long executions keep a few.
 *
 * Limits: x86-64 fibers only (the ucontext fallback has no single stack pointer), and not
 * under AddressSanitizer (a stack image would need its shadow too): those builds replay. */
#include "execution/checkpoint.h"
#include "execution/image.h"
#include "execution/scheduler.h"
#include "search/schedule.h"
#include "search/strategy.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#if EX_FIBER_ASM && !defined(__SANITIZE_ADDRESS__)
#define CHECKPOINTS_WORK 1
#else
#define CHECKPOINTS_WORK 0
#endif

enum { MAX = 64, FIRST_SPACING = 4 };

/* The execution's values, and the lengths of what only grows in an execution: the arenas
 * and the record. */
typedef struct scalars {
    ex_execution exec;
    size_t heap_used, scratch_used, output_len, runs;
    uint32_t last_run_steps; /* (saved as a value: the schedule's array moves as it grows) */
} scalars;

typedef struct checkpoint {
    char *memory; /* regions, each an `ex_region` then its bytes */
    size_t size, capacity;
    scalars at; /* at.exec.steps: the state before that step's choice */
} checkpoint;

struct ex_checkpoints {
    checkpoint saved[MAX];
    int count;
    uint64_t spacing;
    uint64_t deepest; /* the deepest divergence so far; UINT64_MAX before the first */
};

/* False, with nothing saved, when ex_image_regions() refuses (a stack pointer outside its
 * stack). */
static bool save_memory(const ex_runtime *rt, checkpoint *c) {
    ex_region r[EX_IMAGE_MAX_REGIONS];
    int n = ex_image_regions(rt, EX_IMAGE_ALL, r);
    if (n < 0)
        return false;
    c->size = 0;
    for (int i = 0; i < n; i++)
        c->size += sizeof r[i] + r[i].len;
    if (c->size > c->capacity) {
        free(c->memory);
        c->capacity = c->size * 2;
        c->memory = malloc(c->capacity);
        if (!c->memory)
            abort();
    }
    char *p = c->memory;
    for (int i = 0; i < n; i++) {
        memcpy(p, &r[i], sizeof r[i]);
        memcpy(p + sizeof r[i], r[i].addr, r[i].len);
        p += sizeof r[i] + r[i].len;
    }
    return true;
}

static void restore_memory(const checkpoint *c) {
    for (size_t at = 0; at < c->size;) {
        ex_region r;
        memcpy(&r, c->memory + at, sizeof r);
        memcpy(r.addr, c->memory + at + sizeof r, r.len);
        at += sizeof r + r.len;
    }
}

static struct ex_checkpoints *store(ex_runtime *rt) {
    if (!rt->checkpoints) {
        rt->checkpoints = calloc(1, sizeof *rt->checkpoints);
        if (!rt->checkpoints)
            abort();
        rt->checkpoints->spacing = FIRST_SPACING;
        rt->checkpoints->deepest = UINT64_MAX;
    }
    return rt->checkpoints;
}

/* Keeps every other checkpoint and doubles the spacing. */
static void thin(struct ex_checkpoints *s) {
    int kept = 0;
    for (int i = 0; i < s->count; i++) {
        if (i % 2) {
            checkpoint spare = s->saved[kept];
            s->saved[kept++] = s->saved[i];
            s->saved[i] = spare; /* keep its buffer for reuse */
        }
    }
    s->count = kept;
    s->spacing *= 2;
}

/* The step from which the next checkpoint is taken, after one at (or resumed from) `steps`:
 * none past the deepest divergence. */
static uint64_t next_due(const struct ex_checkpoints *s, uint64_t steps) {
    uint64_t due = steps + s->spacing;
    return due > s->deepest ? UINT64_MAX : due;
}

/* Called by the running thread from below its saved frame (ex_fiber_save's callback, so
 * the runtime comes as `arg`). None is taken where the stacks cannot be saved: executions
 * that diverge later replay from an earlier one. */
static void take(void *arg) {
    ex_runtime *rt = arg;
    struct ex_checkpoints *s = store(rt);
    if (s->count == MAX)
        thin(s);
    checkpoint *c = &s->saved[s->count];
    rt->checkpoint_due = next_due(s, rt->exec.steps);
    if (!save_memory(rt, c))
        return;
    s->count++;
    const ex_schedule *sc = &rt->schedule;
    c->at.exec = rt->exec;
    c->at.heap_used = rt->heap.used;
    c->at.scratch_used = rt->scratch.used;
    c->at.output_len = rt->output.len;
    c->at.runs = sc->count;
    c->at.last_run_steps = sc->count ? sc->runs[sc->count - 1].steps : 0;
}

/* Every `spacing` steps, or where the strategy asks for one (then also in a thread that has
 * just ended: its stack is saved too, since it is the one that goes on choosing). */
void ex_checkpoint_maybe(ex_runtime *rt, ex_thread *self, const ex_choice *c) {
    ex_strategy *s = rt->strategy;
    if (!CHECKPOINTS_WORK || !s->resume || rt->options.no_checkpoints)
        return;
    if (s->wants_checkpoint ? !s->wants_checkpoint(s, c)
                            : rt->exec.steps < rt->checkpoint_due || self->state != EX_T_LIVE)
        return;
#if CHECKPOINTS_WORK
    ex_fiber_save(&rt->fibers[self->id].ctx, take, rt); /* resuming it returns here again */
#else
    (void)take;
#endif
}

/* Drops the checkpoints past `step` and restores the deepest left; false if none. */
bool ex_checkpoint_restore(ex_runtime *rt, uint64_t step) {
    struct ex_checkpoints *s = rt->checkpoints;
    if (!CHECKPOINTS_WORK || !s || !rt->strategy->resume)
        return false;
    if (s->deepest == UINT64_MAX || step > s->deepest)
        s->deepest = step;
    while (s->count && s->saved[s->count - 1].at.exec.steps > step)
        s->count--;
    if (!s->count) {
        s->spacing = FIRST_SPACING;
        return false;
    }
    const scalars *at = &s->saved[s->count - 1].at;
    restore_memory(&s->saved[s->count - 1]);
    rt->exec = at->exec;
    rt->heap.used = at->heap_used;
    rt->scratch.used = at->scratch_used;
    rt->output.len = at->output_len;
    if (rt->output.data)
        rt->output.data[rt->output.len] = '\0';
    rt->schedule.count = at->runs;
    if (at->runs)
        rt->schedule.runs[at->runs - 1].steps = at->last_run_steps;
    rt->checkpoint_due = next_due(s, rt->exec.steps);
    rt->resumed++;
    rt->strategy->resume(rt->strategy, rt->exec.steps);
    return true;
}

void ex_checkpoints_clear(ex_runtime *rt) {
    if (rt->checkpoints) {
        rt->checkpoints->count = 0;
        rt->checkpoints->deepest = UINT64_MAX;
    }
    rt->checkpoint_due = 0;
}

void ex_checkpoints_free(ex_runtime *rt) {
    if (!rt->checkpoints)
        return;
    for (int i = 0; i < MAX; i++)
        free(rt->checkpoints->saved[i].memory);
    free(rt->checkpoints);
    rt->checkpoints = NULL;
}
