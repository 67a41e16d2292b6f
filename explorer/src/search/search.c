/* The search loop: builds the runtime, runs executions until the strategy is done or a
 * limit stops it, and gathers outcomes (each distinct printed output and status, with how
 * many executions reached it and its best witness schedule). */
#include "execution/runtime.h"
#include "execution/foreign.h"
#include "search/observer.h"
#include "analysis/race.h"
#include "analysis/symbols.h"
#include "analysis/trace.h"
#include "execution/checkpoint.h"
#include "execution/fault.h"
#include "execution/scheduler.h"
#include "scenario/heap.h"
#include "search/dpor/dpor.h"
#include "search/schedule.h"
#include "search/stateful/stateful.h"
#include "search/stateful/summary.h"
#include "search/strategy.h"
#include "search/strategy_dfs.h"
#include "search/strategy_random.h"
#include "search/strategy_replay.h"
#include "util/arena.h"
#include "util/clock.h"
#include "util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const search_names[] = {"none",
                                           "dpor",
                                           "dpor (preemption-bounded)",
                                           "dfs",
                                           "dfs (preemption-bounded)",
                                           "random",
                                           "pct",
                                           "stateful",
                                           "stateful (preemption-bounded)",
                                           "replay"};
_Static_assert(sizeof search_names / sizeof *search_names == EX_SEARCH_COUNT, "a name for each");

static const char *const stop_names[] = {
    "none",    "time limit",  "execution limit", "first violation", "step limit",
    "runaway", "unsupported", "observer",        "interrupted"};
_Static_assert(sizeof stop_names / sizeof *stop_names == EX_STOP_COUNT, "a name for each");

const char *ex_search_name(ex_search_kind k) {
    return k < EX_SEARCH_COUNT ? search_names[k] : "?";
}

const char *ex_stop_reason_name(ex_stop_reason s) {
    return s < EX_STOP_COUNT ? stop_names[s] : "?";
}

ex_options ex_options_default(void) {
    return (ex_options){.strategy = EX_STRATEGY_DPOR,
                        .max_executions = 0,
                        .max_steps = 10000000,
                        .time_limit = 10.0,
                        .stack_size = 256 * 1024,
                        .preemption_bound = -1,
                        .seed = 1,
                        .runs = 1000,
                        .pct_depth = 3};
}

static size_t stack_pages(const ex_runtime *rt) {
    return rt->stacks.slot_size * (size_t)rt->stacks.slots / EX_STACK_PAGE;
}

static ex_runtime *runtime_new(ex_module *m, const ex_options *o, char *err, size_t errlen) {
    ex_runtime *rt = calloc(1, sizeof *rt);
    rt->module = m;
    rt->options = *o;
    ex_table_init(&rt->outcome_index, 32);
    size_t heap = (size_t)1 << 30, scratch = (size_t)64 << 20;
    if (!ex_fiber_stacks_init(&rt->stacks, EX_MAX_THREADS, o->stack_size)) {
        ex_reserve_error(err, errlen, "the threads' stacks",
                         (size_t)EX_MAX_THREADS * (o->stack_size + EX_STACK_PAGE));
        return rt;
    }
    if (!ex_heap_init(rt, heap) || !ex_arena_init(&rt->scratch, scratch)) {
        ex_reserve_error(err, errlen,
                         rt->heap.base ? "the runtime's scratch arena" : "the scenario's heap",
                         rt->heap.base ? scratch : heap);
        return rt;
    }
    rt->shared_stack_pages = calloc(stack_pages(rt) / 8 + 1, 1);
    rt->record_events = o->observer != NULL || o->detect_races;
    rt->races = o->detect_races ? ex_races_new() : NULL;
    ex_faults_install(rt);
    ex_foreign_forget();
    ex_rt = rt;
    return rt;
}

static void runtime_free(ex_runtime *rt) {
    if (rt->shared_stack_pages)
        ex_faults_remove(rt);
    ex_rt = NULL;
    ex_checkpoints_free(rt);
    ex_summaries_free(rt);
    ex_table_free(&rt->outcome_index);
    ex_fiber_stacks_destroy(&rt->stacks);
    ex_heap_destroy(rt);
    ex_arena_destroy(&rt->scratch);
    ex_schedule_free(&rt->schedule);
    ex_text_free(&rt->output);
    ex_text_free(&rt->status_text);
    ex_text_free(&rt->last_check.status_text);
    free(rt->shared_stack_pages);
    free(rt->events);
    ex_races_free(rt->races);
    ex_symbols_close(rt->symbols);
    free(rt);
}

/* ---- outcomes ---------------------------------------------------------------------- */

/* A hash of the status and both texts, eight bytes at a time: outcomes are compared by it
 * first. */
static uint64_t outcome_hash(const ex_runtime *rt) {
    uint64_t h = 0xcbf29ce484222325ull ^ (uint64_t)rt->status;
    const ex_text *texts[2] = {&rt->output, &rt->status_text};
    for (int t = 0; t < 2; t++) {
        const char *p = texts[t]->data;
        size_t len = texts[t]->len, i = 0;
        for (uint64_t word; i + 8 <= len; i += 8) {
            memcpy(&word, p + i, 8);
            h = (h ^ word) * 0x100000001b3ull;
            h ^= h >> 29;
        }
        for (; i < len; i++)
            h = (h ^ (unsigned char)p[i]) * 0x100000001b3ull;
        h = (h ^ len) * 0x100000001b3ull; /* where one text ends */
    }
    return h;
}

/* (The output is compared byte for byte: it may hold NUL bytes.) */
static bool same_outcome(const ex_outcome *o, const ex_runtime *rt) {
    return o->status == rt->status && o->output_length == rt->output.len &&
           (!o->output_length || memcmp(o->output, rt->output.data, o->output_length) == 0) &&
           strcmp(o->status_text, rt->status_text.data) == 0;
}

static bool is_sought(const void *outcomes, uint32_t i, const void *rt) {
    return same_outcome(&((const ex_outcome *)outcomes)[i], rt);
}

static void record_outcome(ex_result *r, ex_runtime *rt) {
    uint64_t hash = outcome_hash(rt);
    ex_table_reserve(&rt->outcome_index);
    ex_slot *slot = ex_table_find(&rt->outcome_index, hash, is_sought, r->outcomes, rt);
    ex_outcome *o = slot->item ? &r->outcomes[slot->item - 1] : NULL;
    if (!o) {
        r->outcomes = realloc(r->outcomes, (r->outcome_count + 1) * sizeof *r->outcomes);
        o = &r->outcomes[ex_table_add(&rt->outcome_index, slot, hash)];
        r->outcome_count++;
        memset(o, 0, sizeof *o);
        o->output = malloc(rt->output.len + 1);
        if (rt->output.len)
            memcpy(o->output, rt->output.data, rt->output.len);
        o->output[rt->output.len] = '\0';
        o->output_length = rt->output.len;
        o->status = rt->status;
        o->status_text = strdup(rt->status_text.data);
    }
    o->count++;
    if (!o->schedule || rt->exec.preemptions < o->preemptions ||
        (rt->exec.preemptions == o->preemptions && rt->exec.steps < o->steps)) {
        free(o->schedule);
        o->schedule = ex_schedule_format(&rt->schedule, ex_schedule_checksum(rt->module),
                                         rt->shared_stack_pages, stack_pages(rt));
        o->preemptions = rt->exec.preemptions;
        o->steps = rt->exec.steps;
    }
}

static void clear_outcomes(ex_result *r) {
    for (size_t i = 0; i < r->outcome_count; i++) {
        free(r->outcomes[i].output);
        free(r->outcomes[i].status_text);
        free(r->outcomes[i].schedule);
    }
    free(r->outcomes);
    r->outcomes = NULL;
    r->outcome_count = 0;
    r->executions = r->steps = r->max_depth = r->violations = r->redundant = 0;
    r->violated = false;
}

void ex_result_free(ex_result *r) {
    if (!r)
        return;
    clear_outcomes(r);
    for (size_t i = 0; i < r->diagnosis_count; i++)
        free(r->diagnoses[i]);
    free(r->diagnoses);
    free(r->trace);
    free(r->scenario);
    free(r->error);
    free(r);
}

/* ---- the loop ---------------------------------------------------------------------- */

static void progress(const ex_runtime *rt, const ex_result *r, double start, double *last) {
    if (!rt->options.progress)
        return;
    double now = ex_now_seconds();
    if (now - *last < 0.5)
        return;
    *last = now;
    fprintf(stderr, "\r%llu executions, %zu outcomes, %.1f s ", (unsigned long long)r->executions,
            r->outcome_count, now - start);
}

/* What to search with: the strategy (made again when the search restarts) and, for a
 * replay, the schedule and the stack pages it says were shared. */
typedef struct plan {
    ex_strategy *(*make)(const struct plan *p);
    const ex_options *options;
    const ex_schedule *schedule;
    const ex_text *shared_pages; /* unsigned long page numbers */
    bool trace;                  /* describe the (single) execution's steps */
} plan;

/* Shows the execution to the observer; false when it stopped the search. */
static bool observe(ex_runtime *rt) {
    ex_search search = {rt, false};
    rt->options.observer(rt->options.observer_user, &search, rt->events, rt->exec.event_count,
                         rt->status, rt->output.data ? rt->output.data : "", rt->exec.preemptions);
    return !search.stop;
}

/* Why an execution that ended `status` (step limit, runaway, unsupported) leaves the
 * search incomplete. */
static ex_stop_reason stop_reason_of(ex_status status) {
    return status == EX_STATUS_STEP_LIMIT ? EX_STOP_STEP_LIMIT
           : status == EX_STATUS_RUNAWAY  ? EX_STOP_RUNAWAY
                                          : EX_STOP_UNSUPPORTED;
}

/* Runs one execution and files its outcome; false when the search must stop. */
static bool run_one(ex_runtime *rt, ex_result *r, const plan *p) {
    rt->execution_id++;
    ex_execution_run(rt);
    if (rt->restart_needed) { /* a stack page became shared: start over, seeing it */
        rt->restart_needed = false;
        r->restarts++;
        clear_outcomes(r);
        ex_table_clear(&rt->outcome_index);
        rt->strategy->destroy(rt->strategy);
        rt->strategy = p->make(p);
        ex_checkpoints_clear(rt); /* they hold states of the abandoned search */
        ex_summaries_free(rt);    /* recorded when that page was not seen as shared */
        return true;
    }
    if (rt->redundant) {
        r->redundant++;
        return true;
    }
    if (rt->status == EX_STATUS_ABANDONED) {
        if (rt->time_exceeded)
            r->stopped_by = EX_STOP_TIME_LIMIT;
        else if (rt->strategy->error)
            r->error = strdup(rt->strategy->error);
        return false;
    }
    r->executions++;
    r->steps += rt->exec.steps;
    if (rt->exec.steps > r->max_depth)
        r->max_depth = rt->exec.steps;
    record_outcome(r, rt);
    if (rt->races)
        ex_races_check(rt->races, rt->events, rt->exec.event_count, rt->threads);
    bool observed = !rt->options.observer || observe(rt);
    if (ex_status_is_violation(rt->status)) {
        r->violated = true;
        r->violations++;
        if (rt->options.stop_on_first) {
            r->stopped_by = EX_STOP_FIRST_VIOLATION;
            return false;
        }
    }
    if (!observed) {
        r->stopped_by = EX_STOP_OBSERVER;
        return false;
    }
    if (ex_status_is_incomplete(rt->status) && r->stopped_by == EX_STOP_NONE)
        r->stopped_by = stop_reason_of(rt->status);
    return true;
}

static void mark_shared_pages(ex_runtime *rt, const ex_text *pages) {
    size_t n = pages ? pages->len / sizeof(unsigned long) : 0;
    for (size_t i = 0; i < n; i++) {
        unsigned long page;
        memcpy(&page, pages->data + i * sizeof page, sizeof page);
        if (page < stack_pages(rt))
            ex_stack_page_share(rt, page);
    }
}

static void search_loop(ex_runtime *rt, ex_result *r, const plan *p) {
    const ex_options *o = &rt->options;
    double start = ex_now_seconds(), last = start;
    rt->deadline_wall = o->time_limit > 0 ? start + o->time_limit : 0;
    bool finished = false;
    for (;;) {
        if (!rt->strategy->next_execution(rt->strategy)) {
            finished = true;
            break;
        }
        if (o->max_executions && r->executions >= o->max_executions) {
            r->stopped_by = EX_STOP_EXECUTION_LIMIT;
            break;
        }
        if (rt->interrupted) { /* (a signal: at the end of the execution it came in) */
            r->stopped_by = EX_STOP_INTERRUPTED;
            r->signal = rt->interrupted;
            break;
        }
        if (ex_time_is_up_now(rt)) { /* (every execution: it reads the clock every ~0.4 ms) */
            r->stopped_by = EX_STOP_TIME_LIMIT;
            break;
        }
        if (!run_one(rt, r, p))
            break;
        progress(rt, r, start, &last);
    }
    if (o->progress)
        fprintf(stderr, "\r\033[K");
    r->finished = finished && r->stopped_by == EX_STOP_NONE && !r->error;
    r->complete = r->finished && rt->strategy->exhaustive;
    r->bound_exhausted = r->finished && rt->strategy->exhausts_bound;
    r->seconds = ex_now_seconds() - start;
    r->resumed = rt->resumed;
    r->summarised = rt->summaries_used;
    if (rt->strategy->stateful)
        r->states = ex_strategy_stateful_states(rt->strategy);
}

static ex_result *search(ex_module *m, const ex_options *o, const plan *p) {
    ex_result *r = calloc(1, sizeof *r);
    r->scenario = strdup(ex_module_name(m));
    char err[256] = "";
    ex_runtime *rt = runtime_new(m, o, err, sizeof err);
    if (!err[0]) {
        mark_shared_pages(rt, p->shared_pages);
        rt->strategy = p->make(p);
        r->strategy = rt->strategy->kind;
        rt->record_events |= p->trace;
        if (rt->strategy->error) /* (it could not reserve its memory) */
            r->error = strdup(rt->strategy->error);
        else
            search_loop(rt, r, p);
        if (rt->races) {
            ex_races_describe(rt->races, rt, &r->diagnoses, &r->diagnosis_count);
        }
        if (p->trace && r->executions == 1) {
            r->trace = ex_trace_build(rt, &r->trace_count);
            ex_diagnose_lost_updates(r->trace, r->trace_count, &r->diagnoses, &r->diagnosis_count);
        }
        rt->strategy->destroy(rt->strategy);
    } else {
        r->error = strdup(err);
    }
    runtime_free(rt);
    return r;
}

static ex_strategy *make_search(const plan *p) {
    const ex_options *o = p->options;
    if (o->stateful)
        return ex_strategy_stateful_new(o->preemption_bound);
    if (o->preemption_bound >= 0 && o->bound_with_dpor)
        return ex_strategy_dpor_new(o->preemption_bound);
    if (o->preemption_bound >= 0 || o->strategy == EX_STRATEGY_DFS)
        return ex_strategy_dfs_new(o->preemption_bound);
    if (o->strategy == EX_STRATEGY_RANDOM || o->strategy == EX_STRATEGY_PCT)
        return ex_strategy_sample_new(o->strategy == EX_STRATEGY_PCT, o->seed, o->runs,
                                      o->pct_depth);
    return ex_strategy_dpor_new(-1);
}

static ex_strategy *make_replay(const plan *p) {
    return ex_strategy_replay_new(p->schedule);
}

ex_result *ex_explore(ex_module *m, const ex_options *o) {
    plan p = {make_search, o, NULL, NULL, false};
    ex_result *r = search(m, o, &p);
    r->preemption_bound = o->preemption_bound;
    r->min_preemptions = -1;
    r->seed = o->seed;
    return r;
}

static double time_left(const ex_options *o, double start) {
    return o->time_limit > 0 ? o->time_limit - (ex_now_seconds() - start) : 0;
}

/* What searching every bound below a violating one gave: all of them searched without a
 * violation (excluded), or the result of the first that shows one (then every bound below
 * that one was excluded), or a search that stopped early (why). */
typedef struct exclusion {
    bool excluded;
    ex_result *smaller;
    ex_stop_reason stopped_by;
} exclusion;

/* The exhaustive stateful bounded search for every bound below `found`, smallest first.
 * (It records no steps: race detection and observers are off for it.) */
static exclusion exclude_smaller_bounds(ex_module *m, const ex_options *o, int found,
                                        double start) {
    for (int bound = 0; bound < found; bound++) {
        ex_options level = *o;
        level.preemption_bound = bound;
        level.bound_with_dpor = false;
        level.stateful = true;
        level.detect_races = false;
        level.observer = NULL;
        level.stop_on_first = true;
        if (o->time_limit > 0 && (level.time_limit = time_left(o, start)) <= 0)
            return (exclusion){false, NULL, EX_STOP_TIME_LIMIT};
        ex_result *r = ex_explore(m, &level);
        if (r->violated)
            return (exclusion){true, r, EX_STOP_NONE};
        exclusion stopped = {false, NULL, r->stopped_by};
        bool finished = r->finished;
        ex_result_free(r);
        if (!finished)
            return stopped;
    }
    return (exclusion){true, NULL, EX_STOP_NONE};
}

/* The fewest preemptions among the result's violation witnesses (at most `bound`). */
static int fewest_preemptions(const ex_result *r, int bound) {
    for (size_t i = 0; i < r->outcome_count; i++)
        if (ex_status_is_violation(r->outcomes[i].status) &&
            (int)r->outcomes[i].preemptions < bound)
            bound = (int)r->outcomes[i].preemptions;
    return bound;
}

ex_result *ex_explore_min_preemptions(ex_module *m, const ex_options *o, int max_bound) {
    double start = ex_now_seconds();
    ex_result *r = NULL;
    for (int bound = 0; bound <= max_bound; bound++) {
        ex_options level = *o;
        level.preemption_bound = bound;
        level.bound_with_dpor = true;
        level.stop_on_first = true;
        /* each bound hunts for a fair share of the time left */
        if (o->time_limit > 0 &&
            (level.time_limit = time_left(o, start) / (max_bound - bound + 2)) <= 0)
            break;
        ex_result_free(r);
        r = ex_explore(m, &level);
        if (r->error || r->stopped_by == EX_STOP_INTERRUPTED)
            break;
        if (r->violated) {
            double excluding = ex_now_seconds();
            exclusion x = exclude_smaller_bounds(m, o, fewest_preemptions(r, bound), start);
            if (x.smaller) { /* a smaller bound violates: the answer, with its witness */
                ex_result_free(r);
                r = x.smaller;
            }
            r->min_preemptions = fewest_preemptions(r, bound);
            r->fewer_excluded = x.excluded;
            r->exclusion_stopped_by = x.stopped_by;
            r->exclusion_seconds = ex_now_seconds() - excluding;
            break;
        }
    }
    if (r) /* its statistics are those of the bound that decided */
        r->min_preemptions_searched = true;
    return r;
}

ex_result *ex_replay(ex_module *m, const char *text, const ex_options *o) {
    char err[256];
    ex_schedule schedule = {0};
    ex_text shared = {0};
    ex_result *r;
    if (ex_schedule_parse(text, ex_schedule_checksum(m), &schedule, &shared, err, sizeof err)) {
        ex_options one = *o;
        one.stop_on_first = false;
        plan p = {make_replay, &one, &schedule, &shared, true};
        r = search(m, &one, &p);
        uint64_t want = ex_schedule_steps(&schedule);
        if (!r->error && r->executions == 1 && r->max_depth < want) {
            snprintf(err, sizeof err,
                     "the schedule is too long: it has %llu steps, the execution ended after %llu",
                     (unsigned long long)want, (unsigned long long)r->max_depth);
            r->error = strdup(err);
        }
        if (!r->error && r->restarts) {
            r->error = strdup("the schedule does not fit: a thread touched another thread's "
                              "stack that the schedule does not name as shared");
        }
    } else {
        r = calloc(1, sizeof *r);
        r->scenario = strdup(ex_module_name(m));
        r->error = strdup(err);
    }
    ex_schedule_free(&schedule);
    ex_text_free(&shared);
    return r;
}
