/* Summaries of solo runs, for the stateful search: when a thread runs alone to its end (no
 * preemption is left in the bound, so nothing can interrupt it), what it does depends only
 * on its own local state and on memory (state.c's solo key). The first such run is recorded
 * -- memory and the thread's own fields after it, what it printed, how many steps it took
 * -- and every later run from an equal key is replaced by copying that in. This is what
 * makes the preemption bounds of the tutorial's 100000-iteration balance decidable: a
 * preempted worker's remaining 400000 steps are run a handful of times, not once per
 * preemption point.
 *
 * A run is not summarised (it runs as usual) when it starts or notifies another thread,
 * creates one, writes a stack or memory outside the module's data and the arenas, changes
 * another thread's fields, blocks, or leaves more than MAX_IMAGE bytes of memory (module
 * data plus both arenas). Once the summaries hold MAX_STORE bytes, no more are recorded. */
#include "search/stateful/summary.h"
#include "execution/op.h"
#include "execution/image.h"
#include "search/schedule.h"
#include "util/arena.h"
#include "util/hash.h"
#include "util/table.h"
#include "util/text.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_IMAGE = 1 << 20, MAX_STORE = 256 << 20 };

typedef struct summary {
    ex_hash key;
    size_t image; /* in the store: segments, heap, scratch, the thread's fields */
    size_t output, output_len;
    uint64_t steps, wait_count;
    size_t heap_used, scratch_used;
    double clock;
} summary;

struct ex_summaries {
    summary *items;
    size_t capacity;
    ex_table index; /* the items (index.count of them), by key */
    char *store;
    size_t store_len, store_capacity;
    /* the run being recorded */
    int thread; /* -1: none */
    ex_hash key, others;
    uint64_t steps_at;
    size_t output_at;
    int thread_count, unnamed_count;
};

static bool same_key(const void *items, uint32_t i, const void *key) {
    const ex_hash *k = key, *x = &((const summary *)items)[i].key;
    return x->a == k->a && x->b == k->b;
}

/* The slot of the summary for `key`, or the empty slot where it goes. */
static ex_slot *slot_of(struct ex_summaries *s, ex_hash key) {
    return ex_table_find(&s->index, key.a, same_key, s->items, &key);
}

static struct ex_summaries *summaries(ex_runtime *rt) {
    if (!rt->summaries) {
        rt->summaries = calloc(1, sizeof *rt->summaries);
        if (!rt->summaries)
            abort();
        rt->summaries->thread = -1;
        ex_table_init(&rt->summaries->index, 128);
    }
    return rt->summaries;
}

static size_t keep(struct ex_summaries *s, const void *bytes, size_t n) {
    s->store = ex_grow(s->store, &s->store_capacity, s->store_len + n, 1);
    memcpy(s->store + s->store_len, bytes, n);
    s->store_len += n;
    return s->store_len - n;
}

/* The other threads' fields that a run could change behind the scheduler's back. */
static ex_hash others_of(const ex_runtime *rt, int thread) {
    ex_hash h = ex_hash_new(7);
    for (int i = 0; i < rt->exec.thread_count; i++) {
        const ex_thread *t = &rt->threads[i];
        if (i == thread)
            continue;
        ex_hash_word(&h, (uint64_t)t->state << 40 | (uint64_t)t->daemon << 32 | t->notified);
        ex_hash_word(&h, t->wait_order);
        ex_hash_bytes(&h, t->name, strlen(t->name));
    }
    return h;
}

void ex_summary_begin(ex_runtime *rt, int thread, ex_hash key) {
    struct ex_summaries *s = summaries(rt);
    s->thread = thread;
    s->key = key;
    s->others = others_of(rt, thread);
    s->steps_at = rt->exec.steps;
    s->output_at = rt->output.len;
    s->thread_count = rt->exec.thread_count;
    s->unnamed_count = rt->exec.unnamed_count;
}

void ex_summary_cancel(ex_runtime *rt) {
    if (rt->summaries)
        rt->summaries->thread = -1;
}

int ex_summary_recording(const ex_runtime *rt) {
    return rt->summaries ? rt->summaries->thread : -1;
}

/* Whether thread t's next step keeps its run summarisable: a write must land in memory the
 * summary copies (module data, the arenas), not on a stack or in libc's memory. */
bool ex_summary_allows(const ex_runtime *rt, const ex_thread *t) {
    const ex_op *op = &t->pending;
    if (ex_op_has(op->kind, EX_F_TOUCHES_OTHERS))
        return false;
    return !ex_op_has(op->kind, EX_F_WRITES) ||
           (ex_fiber_stacks_slot(&rt->stacks, op->addr) < 0 &&
            ex_image_known(rt, op->addr, op->size ? op->size : 1));
}

/* The data a run may have changed (image.c lists it), and how many bytes it holds. */
static size_t data_of(const ex_runtime *rt, ex_region *data, int *count) {
    *count = ex_image_data(rt, data);
    size_t n = sizeof(ex_thread);
    for (int i = 0; i < *count; i++)
        n += data[i].len;
    return n;
}

/* The recorded thread has just ended: keep what its run left. */
void ex_summary_save(ex_runtime *rt) {
    struct ex_summaries *s = rt->summaries;
    int thread = s->thread;
    s->thread = -1;
    ex_hash others = others_of(rt, thread);
    ex_region data[EX_IMAGE_MAX_REGIONS];
    int regions;
    size_t len = data_of(rt, data, &regions);
    if (rt->exec.thread_count != s->thread_count || rt->exec.unnamed_count != s->unnamed_count ||
        others.a != s->others.a || others.b != s->others.b || len > MAX_IMAGE ||
        s->store_len + len > MAX_STORE || slot_of(s, s->key)->item)
        return;
    summary sum = {.key = s->key,
                   .steps = rt->exec.steps - s->steps_at,
                   .wait_count = rt->exec.wait_count,
                   .heap_used = rt->heap.used,
                   .scratch_used = rt->scratch.used,
                   .clock = rt->exec.clock};
    sum.image = s->store_len;
    for (int i = 0; i < regions; i++)
        keep(s, data[i].addr, data[i].len);
    keep(s, &rt->threads[thread], sizeof rt->threads[thread]);
    sum.output_len = rt->output.len - s->output_at;
    sum.output = keep(s, rt->output.data ? rt->output.data + s->output_at : "", sum.output_len);
    ex_table_reserve(&s->index);
    ex_slot *slot = slot_of(s, sum.key);
    s->items = ex_grow(s->items, &s->capacity, s->index.count + 1, sizeof *s->items);
    s->items[ex_table_add(&s->index, slot, sum.key.a)] = sum;
}

/* Replaces thread t's run by its summary, if there is one for `key`. */
bool ex_summary_apply(ex_runtime *rt, int thread, ex_hash key) {
    struct ex_summaries *s = summaries(rt);
    uint32_t found = slot_of(s, key)->item;
    if (!found)
        return false;
    const summary *sum = &s->items[found - 1];
    if (rt->options.max_steps && rt->exec.steps + sum->steps >= rt->options.max_steps)
        return false;               /* the run would stop at the step limit: run it */
    rt->heap.used = sum->heap_used; /* (first: the data regions end at them) */
    rt->scratch.used = sum->scratch_used;
    ex_region data[EX_IMAGE_MAX_REGIONS];
    int regions = ex_image_data(rt, data);
    const char *p = s->store + sum->image;
    for (int i = 0; i < regions; i++) {
        memcpy(data[i].addr, p, data[i].len);
        p += data[i].len;
    }
    memcpy(&rt->threads[thread], p, sizeof rt->threads[thread]);
    rt->exec.wait_count = sum->wait_count;
    rt->exec.clock = sum->clock;
    ex_text_append(&rt->output, s->store + sum->output, sum->output_len);
    ex_schedule_push_run(&rt->schedule, thread, sum->steps);
    rt->exec.steps += sum->steps;
    rt->summaries_used++;
    return true;
}

void ex_summaries_free(ex_runtime *rt) {
    struct ex_summaries *s = rt->summaries;
    if (!s)
        return;
    free(s->items);
    ex_table_free(&s->index);
    free(s->store);
    free(s);
    rt->summaries = NULL;
}
