/* Interleaving graphs (ex_graph_write, `explorer graph`): the states that the explored
 * executions pass through, merged across executions, drawn with cgraph and rendered with
 * gvc.
 *
 * A state is an ideal of one execution: a set of its steps closed under happens-before
 * (program order, a thread's start before its first step, and every dependence: a common
 * 8-byte granule with a write; the same lock, semaphore, event or thread object; stdout;
 * and "global" steps -- a sleep ending, a timeout firing, MainThread's exit -- after all
 * that came before them and before every later step, a thread's begin included, so that
 * the order is symmetric and every ideal is a state some schedule reaches). Each step is
 * identified by its thread, its index in that thread, what it did and its vector clock,
 * hashed to 128 bits; a state's fingerprint is the sum of its steps' hashes. Two ideals
 * of any two executions get the same fingerprint exactly when they hold the same steps
 * with the same order between dependent ones, so they are one node. An edge adds one step
 * to a state; each thread has at most one next step in a state, so a node has at most one
 * outgoing edge per thread, and the nodes are numbered breadth-first, threads in order. */
#include "dependence.h"

#include <cgraph.h>
#include <gvc.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- fingerprints and a map from them ------------------------------------------------ */

typedef struct fp {
    uint64_t a, b;
} fp;

static uint64_t mix64(uint64_t x) {
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

static void fp_mix(fp *f, uint64_t v) {
    f->a = mix64(f->a ^ v);
    f->b = mix64((f->b ^ (v * 0x9E3779B97F4A7C15ull)) + 0x632BE59BD9B4E019ull);
}

static fp fp_add(fp x, fp y) {
    return (fp){x.a + y.a, x.b + y.b};
}

static bool fp_eq(fp x, fp y) {
    return x.a == y.a && x.b == y.b;
}

#define NONE_ID UINT32_MAX

/* Open addressing, linear probing; a value of NONE_ID marks an empty slot. */
typedef struct fpmap {
    fp *keys;
    uint32_t *vals;
    size_t count, cap;
} fpmap;

static size_t fpmap_home(const fpmap *m, fp k) {
    return mix64(k.a ^ (k.b * 0xD6E8FEB86659FD93ull)) & (m->cap - 1);
}

static void fpmap_clear(fpmap *m) {
    if (m->cap)
        memset(m->vals, 0xFF, m->cap * sizeof *m->vals);
    m->count = 0;
}

static void fpmap_put(fpmap *m, fp k, uint32_t v);

static void fpmap_grow(fpmap *m) {
    fpmap old = *m;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->keys = malloc(m->cap * sizeof *m->keys);
    m->vals = malloc(m->cap * sizeof *m->vals);
    if (!m->keys || !m->vals)
        abort();
    fpmap_clear(m);
    for (size_t i = 0; i < old.cap; i++)
        if (old.vals[i] != NONE_ID)
            fpmap_put(m, old.keys[i], old.vals[i]);
    free(old.keys);
    free(old.vals);
}

/* The value of `k`, or NONE_ID. */
static uint32_t fpmap_get(const fpmap *m, fp k) {
    if (!m->cap)
        return NONE_ID;
    for (size_t i = fpmap_home(m, k);; i = (i + 1) & (m->cap - 1)) {
        if (m->vals[i] == NONE_ID || fp_eq(m->keys[i], k))
            return m->vals[i];
    }
}

static void fpmap_put(fpmap *m, fp k, uint32_t v) {
    if ((m->count + 1) * 2 > m->cap)
        fpmap_grow(m);
    size_t i = fpmap_home(m, k);
    while (m->vals[i] != NONE_ID && !fp_eq(m->keys[i], k))
        i = (i + 1) & (m->cap - 1);
    if (m->vals[i] == NONE_ID)
        m->count++;
    m->keys[i] = k;
    m->vals[i] = v;
}

static void fpmap_free(fpmap *m) {
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

/* ---- happens-before of one execution ------------------------------------------------- */

/* Whether `a` has granules: a read or a write of memory or of an object. */
static bool has_granules(ex_access a) {
    return a.mode == READ || a.mode == WRITE;
}

/* The steps of one execution with their vector clocks: vc[i * threads + u] is how many of
 * thread u's steps happen before step i (step i itself included). */
typedef struct hb {
    size_t n, capacity;
    int threads;
    uint32_t *vc, *local, *order;       /* order: the steps grouped by thread */
    uint32_t first[EX_MAX_THREADS + 1]; /* thread t's steps: order[first[t] .. first[t+1]) */
    fp *hash;
    uint32_t *clocks;         /* threads x threads: each thread's current clock */
    uint32_t *granule_clocks; /* per granule: last write's clock, then reads' since */
    size_t granule_capacity;
    fpmap granules;
} hb;

static void join_clock(uint32_t *into, const uint32_t *from, int threads) {
    for (int t = 0; t < threads; t++)
        if (from[t] > into[t])
            into[t] = from[t];
}

static void *grow_array(void *p, size_t count, size_t size) {
    p = realloc(p, (count ? count : 1) * size);
    if (!p)
        abort();
    return p;
}

static void hb_reserve(hb *h, const ex_event *ev, size_t n, bool agnostic) {
    int threads = 1;
    size_t spans = 0;
    for (size_t i = 0; i < n; i++) {
        threads = ev[i].thread + 1 > threads ? ev[i].thread + 1 : threads;
        threads = ev[i].target + 1 > threads ? ev[i].target + 1 : threads;
        ex_access a = ex_event_access(&ev[i], agnostic);
        spans += has_granules(a) ? a.count : 0;
    }
    h->n = n;
    h->threads = threads;
    size_t t = (size_t)threads;
    if (n > h->capacity) {
        h->capacity = n;
        h->local = grow_array(h->local, n, sizeof *h->local);
        h->order = grow_array(h->order, n, sizeof *h->order);
        h->hash = grow_array(h->hash, n, sizeof *h->hash);
    }
    h->vc = grow_array(h->vc, n * t, sizeof *h->vc);
    h->clocks = grow_array(h->clocks, t * t, sizeof *h->clocks);
    memset(h->clocks, 0, t * t * sizeof *h->clocks);
    if (spans > h->granule_capacity)
        h->granule_capacity = spans;
    h->granule_clocks =
        grow_array(h->granule_clocks, h->granule_capacity * 2 * t, sizeof(uint32_t));
    fpmap_clear(&h->granules);
}

/* The clocks (write, reads) of granule `key`, zeroed when first touched. */
static uint32_t *granule_clock(hb *h, uintptr_t key) {
    size_t width = 2 * (size_t)h->threads;
    fp k = {key, 0x5EED};
    uint32_t id = fpmap_get(&h->granules, k);
    if (id == NONE_ID) {
        id = (uint32_t)h->granules.count;
        fpmap_put(&h->granules, k, id);
        memset(h->granule_clocks + id * width, 0, width * sizeof(uint32_t));
    }
    return h->granule_clocks + id * width;
}

/* Joins into `vc` what a step that touched `a` must come after. */
static void hb_sources(hb *h, ex_access a, uint32_t *vc, const uint32_t *global_vc) {
    int t = h->threads;
    for (int q = 0; a.mode == GLOBAL && q < t; q++)
        join_clock(vc, h->clocks + (size_t)q * (size_t)t, t);
    if (global_vc) /* a thread's begin too: a global step orders all before and after it */
        join_clock(vc, global_vc, t);
    for (uintptr_t g = a.first; has_granules(a) && g < a.first + a.count; g++) {
        uint32_t *gc = granule_clock(h, g);
        join_clock(vc, gc, t);
        if (a.mode == WRITE)
            join_clock(vc, gc + t, t);
    }
}

static void hb_record(hb *h, ex_access a, const uint32_t *vc) {
    int t = h->threads;
    for (uintptr_t g = a.first; has_granules(a) && g < a.first + a.count; g++) {
        uint32_t *gc = granule_clock(h, g);
        if (a.mode == WRITE) {
            memcpy(gc, vc, (size_t)t * sizeof *gc);
            memset(gc + t, 0, (size_t)t * sizeof *gc);
        } else {
            join_clock(gc + t, vc, t);
        }
    }
}

static fp step_hash(const ex_search *s, const ex_event *e, uint32_t local, const uint32_t *vc,
                    int threads) {
    fp f = {0x243F6A8885A308D3ull, 0x13198A2E03707344ull};
    fp_mix(&f, (uint64_t)e->thread << 32 | local);
    fp_mix(&f, (uint64_t)e->kind << 32 | e->size);
    fp_mix(&f, ex_search_object_key(s, e));
    fp_mix(&f, (uint64_t)(e->target + 1) << 3 | (uint64_t)e->timed << 2 | (uint64_t)e->atomic << 1 |
                   e->has_value);
    fp_mix(&f, e->has_value ? (uint64_t)e->value : 0);
    fp_mix(&f, (uintptr_t)e->pc);
    for (int u = 0; u < threads; u++)
        if (vc[u])
            fp_mix(&f, (uint64_t)u << 32 | vc[u]);
    return f;
}

/* Vector clocks, per-thread order and hashes of the steps of one execution, which `s` ran. */
static void hb_compute(hb *h, const ex_search *s, const ex_event *ev, size_t n, bool agnostic) {
    hb_reserve(h, ev, n, agnostic);
    int t = h->threads;
    uint32_t count[EX_MAX_THREADS] = {0};
    const uint32_t *global_vc = NULL;
    for (size_t i = 0; i < n; i++) {
        const ex_event *e = &ev[i];
        uint32_t *vc = h->vc + i * (size_t)t, *own = h->clocks + (size_t)e->thread * (size_t)t;
        ex_access a = ex_event_access(e, agnostic);
        memcpy(vc, own, (size_t)t * sizeof *vc);
        hb_sources(h, a, vc, global_vc);
        vc[e->thread]++;
        memcpy(own, vc, (size_t)t * sizeof *vc);
        hb_record(h, a, vc);
        if (a.mode == GLOBAL)
            global_vc = vc;
        if (a.started >= 0) /* the thread starts from here */
            join_clock(h->clocks + (size_t)a.started * (size_t)t, vc, t);
        h->local[i] = count[e->thread]++;
        h->hash[i] = step_hash(s, e, h->local[i], vc, t);
    }
    h->first[0] = 0;
    for (int u = 0; u < t; u++)
        h->first[u + 1] = h->first[u] + count[u];
    uint32_t next[EX_MAX_THREADS];
    memcpy(next, h->first, sizeof next);
    for (size_t i = 0; i < n; i++)
        h->order[next[ev[i].thread]++] = (uint32_t)i;
}

static void hb_free(hb *h) {
    free(h->vc);
    free(h->local);
    free(h->order);
    free(h->hash);
    free(h->clocks);
    free(h->granule_clocks);
    fpmap_free(&h->granules);
}

/* ---- the graph under construction ---------------------------------------------------- */

typedef struct state {
    uint32_t depth;  /* steps taken */
    int32_t outcome; /* index in outcomes of the execution that ends here, or -1 */
} state;

typedef struct step {
    uint32_t from, to, label;
    int thread;
} step;

typedef struct outcome {
    ex_status status;
    char *output, *text;
} outcome;

typedef struct builder {
    bool agnostic;
    size_t max_nodes;
    bool too_large;
    uint64_t executions;
    state *states;
    size_t state_count, state_capacity;
    fpmap state_index;
    step *steps;
    size_t step_count, step_capacity;
    fpmap step_index; /* (from, to) */
    char **labels;    /* "balance ← 5 (line 15)": what a step did, without its thread */
    size_t label_count;
    fpmap label_index;
    outcome *outcomes;
    size_t outcome_count;
    char thread_names[EX_MAX_THREADS][EX_NAME_MAX];
    int thread_count;
    char source[128]; /* the first source file seen: its lines read "line N" */
    hb hb;
    fpmap visited;  /* ideals of the execution in hand already pushed */
    fp *stack_keys; /* ideals still to expand: fingerprint, depth, per-thread counts */
    uint32_t *stack_depths, *stack_counts;
    size_t stack_len, stack_capacity, counts_capacity;
    fp *path; /* --schedule: the fingerprints of its execution's prefixes */
    size_t path_len;
} builder;

/* The state with fingerprint `key` (made if new); NONE_ID past max_nodes. */
static uint32_t state_of(builder *b, fp key, uint32_t depth) {
    uint32_t id = fpmap_get(&b->state_index, key);
    if (id != NONE_ID)
        return id;
    if (b->max_nodes && b->state_count >= b->max_nodes) {
        b->too_large = true;
        return NONE_ID;
    }
    if (b->state_count == b->state_capacity) {
        b->state_capacity = b->state_capacity ? b->state_capacity * 2 : 256;
        b->states = grow_array(b->states, b->state_capacity, sizeof *b->states);
    }
    id = (uint32_t)b->state_count++;
    b->states[id] = (state){depth, -1};
    fpmap_put(&b->state_index, key, id);
    return id;
}

/* ---- describing a step (while its execution's runtime is alive) --------------------- */

/* " (line 15)" in the scenario's file, " (other.c:15)" elsewhere, "" when unknown. */
static void location_text(builder *b, const char *location, char *buf, size_t len) {
    char where[128];
    buf[0] = '\0';
    snprintf(where, sizeof where, "%s", location);
    char *colon = strrchr(where, ':');
    if (!colon)
        return;
    *colon = '\0';
    if (!b->source[0])
        snprintf(b->source, sizeof b->source, "%s", where);
    if (!strcmp(where, b->source))
        snprintf(buf, len, " (line %s)", colon + 1);
    else
        snprintf(buf, len, " (%s:%s)", where, colon + 1);
}

/* "read balance = 0", "balance ← 5", "acquire lock", "start Thread-1", "sleep (wakes up)" */
static void operation_text(const ex_event *e, const char *object, char *buf, size_t len) {
    const char *atomic = e->atomic ? "atomic " : "";
    if (e->kind == EX_OP_READ && e->has_value)
        snprintf(buf, len, "%sread %s = %lld", atomic, object, e->value);
    else if ((e->kind == EX_OP_WRITE || e->kind == EX_OP_RMW) && e->has_value)
        snprintf(buf, len, "%s \xE2\x86\x90 %lld%s", object, e->value,
                 e->kind == EX_OP_RMW ? " (atomic rmw)"
                 : e->atomic          ? " (atomic)"
                                      : "");
    else
        snprintf(buf, len, "%s%s%s%s%s", e->kind == EX_OP_RMW ? "" : atomic, ex_op_name(e->kind),
                 object[0] ? " " : "", object,
                 !e->timed                ? ""
                 : e->kind == EX_OP_SLEEP ? " (wakes up)"
                                          : " (timed out)");
}

static uint32_t label_of(builder *b, ex_search *s, const ex_event *e) {
    fp key = {0x1AB31ull, 0};
    fp_mix(&key, (uint64_t)e->kind << 32 | e->size);
    fp_mix(&key, e->object);
    fp_mix(&key, (uint64_t)(e->target + 1) << 3 | (uint64_t)e->timed << 2 |
                     (uint64_t)e->atomic << 1 | e->has_value);
    fp_mix(&key, e->has_value ? (uint64_t)e->value : 0);
    fp_mix(&key, (uintptr_t)e->pc);
    uint32_t id = fpmap_get(&b->label_index, key);
    if (id != NONE_ID)
        return id;
    ex_trace_step step;
    char op[160], where[160], text[360];
    ex_search_describe(s, e, &step);
    operation_text(e, step.object, op, sizeof op);
    location_text(b, step.location, where, sizeof where);
    snprintf(text, sizeof text, "%s%s", op, where);
    id = (uint32_t)b->label_count++;
    b->labels = grow_array(b->labels, b->label_count, sizeof *b->labels);
    b->labels[id] = strdup(text);
    fpmap_put(&b->label_index, key, id);
    return id;
}

static void add_step(builder *b, ex_search *s, uint32_t from, uint32_t to, const ex_event *e) {
    fp key = {(uint64_t)from << 32 | to, 0x57E9};
    if (fpmap_get(&b->step_index, key) != NONE_ID)
        return;
    if (b->step_count == b->step_capacity) {
        b->step_capacity = b->step_capacity ? b->step_capacity * 2 : 256;
        b->steps = grow_array(b->steps, b->step_capacity, sizeof *b->steps);
    }
    b->steps[b->step_count] = (step){from, to, label_of(b, s, e), e->thread};
    fpmap_put(&b->step_index, key, (uint32_t)b->step_count++);
}

static void note_threads(builder *b, const ex_search *s) {
    int count = ex_search_thread_count(s);
    for (int t = b->thread_count; t < count; t++)
        snprintf(b->thread_names[t], sizeof b->thread_names[t], "%s", ex_search_thread_name(s, t));
    if (count > b->thread_count)
        b->thread_count = count;
}

static void set_outcome(builder *b, uint32_t final, ex_status status, const char *output,
                        const char *text) {
    size_t i = 0;
    while (i < b->outcome_count &&
           (b->outcomes[i].status != status || strcmp(b->outcomes[i].output, output) ||
            strcmp(b->outcomes[i].text, text)))
        i++;
    if (i == b->outcome_count) {
        b->outcomes = grow_array(b->outcomes, ++b->outcome_count, sizeof *b->outcomes);
        b->outcomes[i] = (outcome){status, strdup(output), strdup(text)};
    }
    if (b->states[final].outcome < 0) /* the first execution that ends here names it */
        b->states[final].outcome = (int32_t)i;
}

/* ---- the ideals of one execution ----------------------------------------------------- */

static void push_ideal(builder *b, fp key, uint32_t depth, const uint32_t *counts) {
    size_t t = (size_t)b->hb.threads;
    if (b->stack_len == b->stack_capacity) {
        b->stack_capacity = b->stack_capacity ? b->stack_capacity * 2 : 256;
        b->stack_keys = grow_array(b->stack_keys, b->stack_capacity, sizeof *b->stack_keys);
        b->stack_depths = grow_array(b->stack_depths, b->stack_capacity, sizeof(uint32_t));
    }
    if ((b->stack_len + 1) * t > b->counts_capacity) {
        b->counts_capacity = (b->stack_len + 1) * t * 2;
        b->stack_counts = grow_array(b->stack_counts, b->counts_capacity, sizeof(uint32_t));
    }
    b->stack_keys[b->stack_len] = key;
    b->stack_depths[b->stack_len] = depth;
    memcpy(b->stack_counts + b->stack_len * t, counts, t * sizeof *counts);
    b->stack_len++;
    fpmap_put(&b->visited, key, 0);
}

/* Whether step i (of thread u) can follow the ideal `counts`: all it comes after is in. */
static bool can_follow(const hb *h, uint32_t i, const uint32_t *counts, int u) {
    const uint32_t *vc = h->vc + (size_t)i * (size_t)h->threads;
    for (int q = 0; q < h->threads; q++)
        if (q != u && vc[q] > counts[q])
            return false;
    return true;
}

/* Expands one ideal: a step to every ideal one step larger. False past max_nodes. */
static bool expand(builder *b, ex_search *s, const ex_event *ev, fp key, uint32_t depth,
                   uint32_t *c) {
    const hb *h = &b->hb;
    uint32_t from = state_of(b, key, depth);
    if (from == NONE_ID)
        return false;
    for (int u = 0; u < h->threads; u++) {
        if (c[u] == h->first[u + 1] - h->first[u])
            continue;
        uint32_t i = h->order[h->first[u] + c[u]];
        if (!can_follow(h, i, c, u))
            continue;
        fp next = fp_add(key, h->hash[i]);
        uint32_t to = state_of(b, next, depth + 1);
        if (to == NONE_ID)
            return false;
        add_step(b, s, from, to, &ev[i]);
        if (fpmap_get(&b->visited, next) == NONE_ID) {
            c[u]++;
            push_ideal(b, next, depth + 1, c);
            c[u]--;
        }
    }
    return true;
}

/* Every ideal of the execution in b->hb, with its steps; the final state, or NONE_ID. */
static uint32_t add_ideals(builder *b, ex_search *s, const ex_event *ev) {
    uint32_t counts[EX_MAX_THREADS] = {0};
    size_t t = (size_t)b->hb.threads;
    fpmap_clear(&b->visited);
    b->stack_len = 0;
    push_ideal(b, (fp){0, 0}, 0, counts);
    while (b->stack_len) {
        size_t top = --b->stack_len;
        memcpy(counts, b->stack_counts + top * t, t * sizeof *counts);
        if (!expand(b, s, ev, b->stack_keys[top], b->stack_depths[top], counts))
            return NONE_ID;
    }
    fp all = {0, 0};
    for (size_t i = 0; i < b->hb.n; i++)
        all = fp_add(all, b->hb.hash[i]);
    return state_of(b, all, (uint32_t)b->hb.n);
}

static void observe(void *user, ex_search *s, const ex_event *ev, size_t n, ex_status status,
                    const char *output, unsigned preemptions) {
    builder *b = user;
    (void)preemptions;
    b->executions++;
    note_threads(b, s);
    hb_compute(&b->hb, s, ev, n, b->agnostic);
    uint32_t final = add_ideals(b, s, ev);
    if (final == NONE_ID) {
        ex_search_stop(s);
        return;
    }
    set_outcome(b, final, status, output, ex_search_status_text(s));
}

/* --schedule: the prefixes of the replayed execution, as fingerprints. */
static void observe_path(void *user, ex_search *s, const ex_event *ev, size_t n, ex_status status,
                         const char *output, unsigned preemptions) {
    builder *b = user;
    (void)status, (void)output, (void)preemptions;
    hb_compute(&b->hb, s, ev, n, b->agnostic);
    free(b->path);
    b->path = grow_array(NULL, n + 1, sizeof *b->path);
    b->path[0] = (fp){0, 0};
    for (size_t i = 0; i < n; i++)
        b->path[i + 1] = fp_add(b->path[i], b->hb.hash[i]);
    b->path_len = n + 1;
}

static void builder_free(builder *b) {
    free(b->states);
    free(b->steps);
    for (size_t i = 0; i < b->label_count; i++)
        free(b->labels[i]);
    free(b->labels);
    for (size_t i = 0; i < b->outcome_count; i++) {
        free(b->outcomes[i].output);
        free(b->outcomes[i].text);
    }
    free(b->outcomes);
    fpmap_free(&b->state_index);
    fpmap_free(&b->step_index);
    fpmap_free(&b->label_index);
    fpmap_free(&b->visited);
    free(b->stack_keys);
    free(b->stack_depths);
    free(b->stack_counts);
    free(b->path);
    hb_free(&b->hb);
}

/* ---- what is drawn: numbering, --schedule, --only-violations, --collapse ------------ */

typedef struct view {
    uint32_t *out_first, *out_steps; /* steps leaving s: out_steps[out_first[s]..[s+1]) */
    uint32_t *by_rank;               /* the states breadth-first from the start */
    bool *keep, *merged;             /* kept by --only-violations; merged by --collapse */
    bool *path_state, *path_step;    /* on the --schedule path */
    uint32_t *in, *out, *in_step;    /* kept steps into and out of each state */
    uint32_t *number;                /* drawn states are named s<number> */
    size_t nodes, edges;
} view;

static void *zeroed(size_t count, size_t size) {
    void *p = calloc(count ? count : 1, size);
    if (!p)
        abort();
    return p;
}

/* The steps leaving each state, in thread order. */
static void index_steps(const builder *b, view *v) {
    v->out_first = zeroed(b->state_count + 1, sizeof *v->out_first);
    v->out_steps = zeroed(b->step_count, sizeof *v->out_steps);
    for (size_t i = 0; i < b->step_count; i++)
        v->out_first[b->steps[i].from + 1]++;
    for (size_t s = 0; s < b->state_count; s++)
        v->out_first[s + 1] += v->out_first[s];
    uint32_t *fill = zeroed(b->state_count, sizeof *fill);
    for (size_t i = 0; i < b->step_count; i++) {
        uint32_t s = b->steps[i].from, k = v->out_first[s] + fill[s]++;
        while (k > v->out_first[s] && b->steps[v->out_steps[k - 1]].thread > b->steps[i].thread) {
            v->out_steps[k] = v->out_steps[k - 1];
            k--;
        }
        v->out_steps[k] = (uint32_t)i;
    }
    free(fill);
}

/* Breadth-first from the start, each state's steps in thread order: every step adds one
 * step to the depth, so this orders the states by depth, the same way in every run. */
static void rank_states(const builder *b, view *v) {
    bool *seen = zeroed(b->state_count, sizeof *seen);
    v->by_rank = zeroed(b->state_count, sizeof *v->by_rank);
    size_t n = 1;
    seen[0] = true;
    for (size_t r = 0; r < n; r++) {
        uint32_t s = v->by_rank[r];
        for (uint32_t k = v->out_first[s]; k < v->out_first[s + 1]; k++) {
            uint32_t to = b->steps[v->out_steps[k]].to;
            if (!seen[to]) {
                seen[to] = true;
                v->by_rank[n++] = to;
            }
        }
    }
    for (uint32_t s = 0; s < b->state_count; s++) /* none, unless something is wrong */
        if (!seen[s])
            v->by_rank[n++] = s;
    free(seen);
}

/* Marks the --schedule path; false (and `err`) if it leaves the graph. */
static bool mark_path(const builder *b, view *v, char *err, size_t errlen) {
    v->path_state = zeroed(b->state_count, sizeof *v->path_state);
    v->path_step = zeroed(b->step_count, sizeof *v->path_step);
    uint32_t prev = NONE_ID;
    for (size_t k = 0; k < b->path_len; k++) {
        uint32_t s = fpmap_get(&b->state_index, b->path[k]);
        if (s == NONE_ID) {
            snprintf(err, errlen,
                     "the schedule's execution leaves the graph after %zu steps (give the "
                     "same -p values and options it was found with)",
                     k ? k - 1 : 0);
            return false;
        }
        v->path_state[s] = true;
        if (prev != NONE_ID) {
            uint32_t i = fpmap_get(&b->step_index, (fp){(uint64_t)prev << 32 | s, 0x57E9});
            if (i != NONE_ID)
                v->path_step[i] = true;
        }
        prev = s;
    }
    return true;
}

static bool is_violation(const builder *b, uint32_t s) {
    return b->states[s].outcome >= 0 &&
           ex_status_is_violation(b->outcomes[b->states[s].outcome].status);
}

/* --only-violations keeps the states a violation can be reached from, the start and the
 * --schedule path; then counts the kept steps into and out of each state. */
static void keep_states(const builder *b, view *v, bool only_violations) {
    v->keep = zeroed(b->state_count, sizeof *v->keep);
    for (size_t r = b->state_count; r-- > 0;) {
        uint32_t s = v->by_rank[r];
        bool keep = !only_violations || is_violation(b, s) || s == 0 || v->path_state[s];
        for (uint32_t k = v->out_first[s]; k < v->out_first[s + 1] && !keep; k++)
            keep = v->keep[b->steps[v->out_steps[k]].to];
        v->keep[s] = keep;
    }
    v->in = zeroed(b->state_count, sizeof *v->in);
    v->out = zeroed(b->state_count, sizeof *v->out);
    v->in_step = zeroed(b->state_count, sizeof *v->in_step);
    for (uint32_t i = 0; i < b->step_count; i++) {
        const step *e = &b->steps[i];
        if (v->keep[e->from] && v->keep[e->to]) {
            v->out[e->from]++;
            v->in[e->to]++;
            v->in_step[e->to] = i;
        }
    }
}

/* The only kept step out of s (when v->out[s] == 1). */
static uint32_t only_step_out(const builder *b, const view *v, uint32_t s) {
    for (uint32_t k = v->out_first[s]; k < v->out_first[s + 1]; k++)
        if (v->keep[b->steps[v->out_steps[k]].to])
            return v->out_steps[k];
    return NONE_ID;
}

/* --collapse merges away each state other than the start and the final ones that has
 * exactly one kept step in and one out, both by the same thread: in every explored
 * execution that reaches it, that thread moves on and nothing else can happen there. */
static void collapse_states(const builder *b, view *v, bool collapse) {
    v->merged = zeroed(b->state_count, sizeof *v->merged);
    v->number = zeroed(b->state_count, sizeof *v->number);
    for (uint32_t s = 1; collapse && s < b->state_count; s++) {
        if (!v->keep[s] || b->states[s].outcome >= 0 || v->in[s] != 1 || v->out[s] != 1)
            continue;
        uint32_t next = only_step_out(b, v, s);
        v->merged[s] = b->steps[v->in_step[s]].thread == b->steps[next].thread;
    }
    for (size_t r = 0; r < b->state_count; r++) {
        uint32_t s = v->by_rank[r];
        v->number[s] = v->keep[s] && !v->merged[s] ? (uint32_t)v->nodes++ : NONE_ID;
    }
}

static void view_free(view *v) {
    free(v->out_first);
    free(v->out_steps);
    free(v->by_rank);
    free(v->keep);
    free(v->merged);
    free(v->path_state);
    free(v->path_step);
    free(v->in);
    free(v->out);
    free(v->in_step);
    free(v->number);
}

/* ---- drawing with cgraph ------------------------------------------------------------- */

static const char *const thread_colors[] = {"#4d4d4d", "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd",
                                            "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"};

static const char *thread_color(int t) {
    return thread_colors[t % (int)(sizeof thread_colors / sizeof *thread_colors)];
}

static void set(void *object, const char *name, const char *value) {
    agsafeset(object, (char *)name, (char *)value, "");
}

/* Appends `s` to a label: backslashes doubled, newlines as "\n" (or `newline`), other
 * control characters and bytes that are not UTF-8 as '?'. At most `max` characters. */
static void label_append(ex_text *t, const char *s, const char *newline, size_t max) {
    const unsigned char *p = (const unsigned char *)s;
    for (size_t chars = 0; *p && chars < max; chars++) {
        size_t n = *p < 0x80         ? 1
                   : (*p >> 5) == 6  ? 2
                   : (*p >> 4) == 14 ? 3
                   : (*p >> 3) == 30 ? 4
                                     : 0;
        for (size_t k = 1; k < n; k++)
            if ((p[k] & 0xC0) != 0x80)
                n = 0;
        if (n > 1)
            ex_text_append(t, (const char *)p, n);
        else if (*p == '\\')
            ex_text_append(t, "\\\\", 2);
        else if (*p == '\n')
            ex_text_printf(t, "%s", newline);
        else
            ex_text_append(t, *p >= 0x20 && *p < 0x7F ? (const char *)p : "?", 1);
        p += n ? n : 1;
    }
    if (*p)
        ex_text_append(t, "\xE2\x80\xA6", 3); /* … */
}

/* A final state: its printed output (at most 6 lines) and its status. */
static void draw_final(Agnode_t *n, const outcome *o) {
    ex_text label = {0};
    const char *out = o->output;
    size_t len = strlen(out);
    if (len && out[len - 1] == '\n')
        len--;
    char *shown = strndup(out, len);
    int lines = 0;
    for (char *p = shown; *p; p++)
        if (*p == '\n' && ++lines == 6)
            *p = '\0';
    label_append(&label, len ? shown : "(nothing printed)", "\\n", 400);
    ex_text_printf(&label, "\\n[%s]", ex_status_name(o->status));
    set(n, "shape", "box");
    set(n, "style", "rounded,filled");
    set(n, "fixedsize", "false");
    set(n, "label", label.data);
    bool bad = ex_status_is_violation(o->status);
    bool cut = o->status == EX_STATUS_STEP_LIMIT || o->status == EX_STATUS_RUNAWAY;
    set(n, "fillcolor", bad ? "#f8d7da" : cut ? "#fff3cd" : "#d4edda");
    set(n, "color", bad ? "#c62828" : cut ? "#b8860b" : "#2e7d32");
    set(n, "tooltip", o->text);
    set(n, "outcome", o->output);
    set(n, "status", ex_status_name(o->status));
    free(shown);
    ex_text_free(&label);
}

static Agnode_t *draw_node(const builder *b, const view *v, Agraph_t *g, uint32_t s) {
    char name[32];
    snprintf(name, sizeof name, "s%u", v->number[s]);
    Agnode_t *n = agnode(g, name, 1);
    if (s == 0) {
        set(n, "label", "start");
        set(n, "fixedsize", "false");
        set(n, "fillcolor", "#e0e0e0");
        set(n, "shape", "doublecircle");
    } else if (b->states[s].outcome >= 0) {
        draw_final(n, &b->outcomes[b->states[s].outcome]);
    } else {
        snprintf(name, sizeof name, "after %u steps", b->states[s].depth);
        set(n, "tooltip", name);
    }
    if (v->path_state[s])
        set(n, "penwidth", "3");
    return n;
}

/* One subgraph of rank=same per depth: states after as many steps line up. */
static void draw_ranks(const builder *b, const view *v, Agraph_t *g, Agnode_t **nodes) {
    Agraph_t *sub = NULL;
    uint32_t depth = UINT32_MAX;
    for (size_t r = 0; r < b->state_count; r++) {
        uint32_t s = v->by_rank[r];
        if (v->number[s] == NONE_ID)
            continue;
        if (b->states[s].depth != depth) {
            char name[32];
            depth = b->states[s].depth;
            snprintf(name, sizeof name, "depth%u", depth);
            sub = agsubg(g, name, 1);
            set(sub, "rank", "same");
        }
        agsubnode(sub, nodes[v->number[s]], 1);
    }
}

static void html_append(ex_text *t, const char *s) {
    for (; *s; s++) {
        const char *esc = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : NULL;
        if (esc)
            ex_text_printf(t, "%s", esc);
        else
            ex_text_append(t, s, 1);
    }
}

/* The threads' colours, beside the start. */
static void draw_legend(const builder *b, Agraph_t *g) {
    ex_text html = {0};
    ex_text_printf(&html, "<table border=\"0\" cellborder=\"0\" cellspacing=\"1\">");
    for (int t = 0; t < b->thread_count; t++) {
        ex_text_printf(&html, "<tr><td align=\"left\"><font color=\"%s\">\xE2\x96\xA0 ",
                       thread_color(t));
        html_append(&html, b->thread_names[t]);
        ex_text_printf(&html, "</font></td></tr>");
    }
    ex_text_printf(&html, "</table>");
    Agnode_t *n = agnode(g, "legend", 1);
    set(n, "shape", "plaintext");
    set(n, "fixedsize", "false");
    set(n, "style", "");
    char *label = agstrdup_html(g, html.data);
    set(n, "label", label);
    agstrfree(g, label);
    agsubnode(agsubg(g, "depth0", 1), n, 1);
    ex_text_free(&html);
}

/* From drawn state s along step k: through merged states to the next drawn one, as one
 * edge whose label lists the steps. */
static void draw_edge(const builder *b, view *v, Agraph_t *g, Agnode_t **nodes, uint32_t s,
                      uint32_t k) {
    const step *e = &b->steps[k];
    ex_text label = {0};
    ex_text_printf(&label, "%s: ", b->thread_names[e->thread]);
    label_append(&label, b->labels[e->label], "\\n", 400);
    bool on_path = v->path_step[k], merged = false;
    while (v->merged[e->to]) {
        k = only_step_out(b, v, e->to);
        e = &b->steps[k];
        on_path = on_path && v->path_step[k];
        ex_text_printf(&label, "\\l");
        label_append(&label, b->labels[e->label], "\\n", 400);
        merged = true;
    }
    if (merged)
        ex_text_printf(&label, "\\l");
    Agedge_t *edge = agedge(g, nodes[v->number[s]], nodes[v->number[e->to]], NULL, 1);
    set(edge, "label", label.data);
    set(edge, "color", thread_color(e->thread));
    set(edge, "fontcolor", thread_color(e->thread));
    if (on_path)
        set(edge, "penwidth", "3");
    v->edges++;
    ex_text_free(&label);
}

static void draw_defaults(Agraph_t *g, const char *title) {
    agattr(g, AGRAPH, "label", (char *)title);
    agattr(g, AGRAPH, "labelloc", "t");
    agattr(g, AGRAPH, "fontname", "Helvetica");
    agattr(g, AGRAPH, "nodesep", "0.3");
    agattr(g, AGRAPH, "ranksep", "0.35");
    agattr(g, AGNODE, "shape", "circle");
    agattr(g, AGNODE, "label", "");
    agattr(g, AGNODE, "width", "0.18");
    agattr(g, AGNODE, "height", "0.18");
    agattr(g, AGNODE, "fixedsize", "true");
    agattr(g, AGNODE, "style", "filled");
    agattr(g, AGNODE, "fillcolor", "white");
    agattr(g, AGNODE, "fontname", "Helvetica");
    agattr(g, AGNODE, "fontsize", "10");
    agattr(g, AGEDGE, "fontname", "Helvetica");
    agattr(g, AGEDGE, "fontsize", "9");
    agattr(g, AGEDGE, "arrowsize", "0.6");
}

/* cgraph identifies a named object by the address of its interned name, and writes the
 * subgraphs in that order. This discipline numbers every object in creation order instead
 * (even numbers for named ones, whose names it keeps; odd for unnamed ones), so the DOT
 * does not depend on where the allocator put anything. */
typedef struct ids {
    Agraph_t *graph;
    IDTYPE next;
    char **names; /* of the named object 2 * (i + 1): the graph's own strings */
    size_t count;
} ids;

static void *ids_open(Agraph_t *g, Agdisc_t *disc) {
    ids *d = zeroed(1, sizeof(ids));
    (void)disc;
    d->graph = g;
    return d;
}

static long ids_map(void *state, int objtype, char *name, IDTYPE *id, int create) {
    ids *d = state;
    (void)objtype;
    for (size_t i = d->count; name && i-- > 0;)
        if (!strcmp(d->names[i], name)) {
            *id = 2 * (IDTYPE)(i + 1);
            return 1;
        }
    if (!create)
        return 0;
    if (!name) {
        *id = 2 * d->next++ + 1;
        return 1;
    }
    d->names = grow_array(d->names, d->count + 1, sizeof *d->names);
    d->names[d->count++] = agstrdup(d->graph, name); /* freed with the graph's strings */
    *id = 2 * (IDTYPE)d->count;
    return 1;
}

static long ids_alloc(void *state, int objtype, IDTYPE id) {
    (void)state, (void)objtype, (void)id;
    return 0;
}

static void ids_free(void *state, int objtype, IDTYPE id) {
    (void)state, (void)objtype, (void)id;
}

static char *ids_print(void *state, int objtype, IDTYPE id) {
    ids *d = state;
    (void)objtype;
    return id % 2 == 0 && id / 2 - 1 < d->count ? d->names[id / 2 - 1] : NULL;
}

static void ids_close(void *state) {
    ids *d = state;
    free(d->names);
    free(d);
}

static void ids_register(void *state, int objtype, void *object) {
    (void)state, (void)objtype, (void)object;
}

static Agiddisc_t creation_order_ids = {ids_open,  ids_map,   ids_alloc,   ids_free,
                                        ids_print, ids_close, ids_register};
static Agdisc_t creation_order = {&AgMemDisc, &creation_order_ids, &AgIoDisc};

static Agraph_t *draw(const builder *b, view *v, const char *title) {
    Agraph_t *g = agopen("interleavings", Agdirected, &creation_order);
    draw_defaults(g, title);
    Agnode_t **nodes = zeroed(v->nodes, sizeof *nodes);
    for (size_t r = 0; r < b->state_count; r++) {
        uint32_t s = v->by_rank[r];
        if (v->number[s] != NONE_ID)
            nodes[v->number[s]] = draw_node(b, v, g, s);
    }
    draw_ranks(b, v, g, nodes);
    draw_legend(b, g);
    for (size_t r = 0; r < b->state_count; r++) {
        uint32_t s = v->by_rank[r];
        for (uint32_t k = v->out_first[s]; v->number[s] != NONE_ID && k < v->out_first[s + 1]; k++)
            if (v->keep[b->steps[v->out_steps[k]].to])
                draw_edge(b, v, g, nodes, s, v->out_steps[k]);
    }
    free(nodes);
    return g;
}

/* ---- writing ------------------------------------------------------------------------- */

static bool render(Agraph_t *g, ex_graph_format format, const char *path, char *err,
                   size_t errlen) {
    static const char *const names[] = {"dot", "svg", "png", "pdf"};
    bool to_stdout = !strcmp(path, "-");
    FILE *out = to_stdout ? stdout : fopen(path, "wb");
    if (!out) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return false;
    }
    bool ok;
    if (format == EX_GRAPH_DOT) {
        ok = agwrite(g, out) == 0;
    } else {
        GVC_t *gvc = gvContext();
        ok = gvLayout(gvc, g, "dot") == 0 && gvRender(gvc, g, names[format], out) == 0;
        gvFreeLayout(gvc, g);
        gvFreeContext(gvc);
    }
    ok = (to_stdout ? fflush(out) == 0 : fclose(out) == 0) && ok;
    if (!ok)
        snprintf(err, errlen, "cannot render the graph as %s to %s", names[format], path);
    return ok;
}

ex_graph_options ex_graph_options_default(void) {
    return (ex_graph_options){.format = EX_GRAPH_DOT, .max_nodes = 2000};
}

/* "balance_unlocked (iterations=1): 57 states, ..." and what the options did. */
static char *title_of(ex_module *m, const builder *b, const ex_result *r, const ex_graph_options *o,
                      size_t violations) {
    ex_text t = {0};
    ex_text_printf(&t, "%s", ex_module_name(m));
    for (size_t i = 0; i < ex_module_param_count(m); i++) {
        long value;
        const char *name = ex_module_param(m, i, NULL, NULL, &value);
        ex_text_printf(&t, "%s%s=%ld", i ? ", " : " (", name, value);
    }
    ex_text_printf(&t,
                   "%s: %zu states, %zu steps, %zu outcomes (%zu violations); %llu "
                   "executions explored (%s)",
                   ex_module_param_count(m) ? ")" : "", b->state_count, b->step_count,
                   b->outcome_count, violations, (unsigned long long)b->executions, r->strategy);
    if (!r->complete)
        ex_text_printf(&t, "\\nINCOMPLETE: the search stopped early (%s)",
                       r->stopped_by ? r->stopped_by : "not exhaustive");
    if (o->only_violations)
        ex_text_printf(&t, "\\nonly the states from which a violation can be reached");
    if (o->collapse)
        ex_text_printf(&t, "\\none thread's steps with nothing else possible between them "
                           "are one edge");
    if (o->schedule) {
        ex_text_printf(&t, "\\nbold: ");
        label_append(&t, o->schedule, "", 200);
    }
    char *text = strdup(t.data);
    ex_text_free(&t);
    return text;
}

static size_t count_violations(const builder *b, size_t *finals) {
    size_t n = 0;
    *finals = 0;
    for (uint32_t s = 0; s < b->state_count; s++) {
        *finals += b->states[s].outcome >= 0;
        n += is_violation(b, s);
    }
    return n;
}

/* Replays --schedule and marks its path; false (and `err`) when it cannot. */
static bool follow_schedule(ex_module *m, builder *b, const ex_options *explore,
                            const char *schedule, view *v, char *err, size_t errlen) {
    ex_options one = *explore;
    one.observer = observe_path;
    one.observer_user = b;
    one.detect_races = false;
    ex_result *r = ex_replay(m, schedule, &one);
    bool ok = !r->error && r->executions == 1;
    if (!ok)
        snprintf(err, errlen, "--schedule: %s", r->error ? r->error : "it did not run");
    ex_result_free(r);
    return ok && mark_path(b, v, err, errlen);
}

/* Builds the view of the explored graph, draws and writes it. */
static bool write_graph(ex_module *m, builder *b, const ex_result *r, const ex_options *explore,
                        const ex_graph_options *o, const char *path, ex_graph_info *info, char *err,
                        size_t errlen) {
    view v = {0};
    index_steps(b, &v);
    rank_states(b, &v);
    bool ok = true;
    if (o->schedule)
        ok = follow_schedule(m, b, explore, o->schedule, &v, err, errlen);
    else
        mark_path(b, &v, err, errlen); /* an empty path: nothing marked */
    if (ok) {
        keep_states(b, &v, o->only_violations);
        collapse_states(b, &v, o->collapse);
        info->violations = count_violations(b, &info->finals);
        char *title = title_of(m, b, r, o, info->violations);
        Agraph_t *g = draw(b, &v, title);
        ok = render(g, o->format, path, err, errlen);
        agclose(g);
        free(title);
        info->nodes = v.nodes;
        info->edges = v.edges;
    }
    view_free(&v);
    return ok;
}

ex_graph_status ex_graph_write(ex_module *m, const ex_options *explore,
                               const ex_graph_options *options, const char *path,
                               ex_graph_info *info, char *err, size_t errlen) {
    ex_graph_info scratch;
    info = info ? info : &scratch;
    memset(info, 0, sizeof *info);
    builder b = {.agnostic = explore->timing_agnostic, .max_nodes = options->max_nodes};
    ex_options o = *explore;
    o.observer = observe;
    o.observer_user = &b;
    o.detect_races = false;
    ex_result *r = ex_explore(m, &o);
    ex_graph_status status = r->complete ? EX_GRAPH_WRITTEN : EX_GRAPH_PARTIAL;
    if (r->error) {
        snprintf(err, errlen, "%s", r->error);
        status = EX_GRAPH_FAILED;
    } else if (b.too_large) {
        snprintf(err, errlen,
                 "the graph has more than %zu states (raise --max-nodes, or lower "
                 "the scenario's parameters)",
                 options->max_nodes);
        status = EX_GRAPH_TOO_LARGE;
    } else if (!b.state_count) {
        snprintf(err, errlen, "no execution completed: nothing to draw");
        status = EX_GRAPH_FAILED;
    } else if (!write_graph(m, &b, r, explore, options, path, info, err, errlen)) {
        status = EX_GRAPH_FAILED;
    }
    info->states = b.state_count;
    info->steps = b.step_count;
    info->executions = b.executions;
    info->complete = r->complete;
    info->stopped_by = r->stopped_by;
    ex_result_free(r);
    builder_free(&b);
    return status;
}
