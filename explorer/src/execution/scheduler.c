/* The scheduler: the scheduling point (ex_step), which threads are enabled, virtual time,
 * preemption counting, and the life of one execution from reset to outcome.
 *
 * A step is one visible operation: the chosen thread performs its pending operation and
 * runs on, invisibly, until its next one. A thread is enabled when its pending operation
 * can happen now; a timed operation (sleep, or a join/acquire with a timeout) that cannot
 * happen otherwise becomes enabled when no untimed operation is, and its deadline is the
 * earliest: then the virtual clock jumps to that deadline. */
#include "execution/scheduler.h"
#include "execution/op.h"
#include "execution/foreign.h"
#include "analysis/symbols.h"
#include "execution/checkpoint.h"
#include "execution/fault.h"
#include "execution/module.h"
#include "scenario/thread.h"
#include "search/schedule.h"
#include "search/stateful/state.h"
#include "search/stateful/summary.h"
#include "search/strategy.h"
#include "util/arena.h"
#include "util/clock.h"
#include "util/hash.h"
#include "util/text.h"

#include <math.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

__thread ex_runtime *ex_rt;

static bool exit_ready(const ex_runtime *rt) {
    for (int i = 1; i < rt->exec.thread_count; i++)
        if (rt->threads[i].state == EX_T_LIVE && !rt->threads[i].daemon)
            return false;
    return true;
}

/* Whether `t`'s pending operation can happen without any timeout firing. */
static bool op_ready(const ex_runtime *rt, const ex_thread *t) {
    const ex_op *op = &t->pending;
    if (!ex_op_has(op->kind, EX_F_WAITS)) /* the usual step: nothing to wait for */
        return true;
    switch (op->kind) {
    case EX_OP_ACQUIRE: {
        const ex_lock *l = (const ex_lock *)op->addr;
        return l->count_ == 0 || (op->reentrant && l->owner_ == t);
    }
    case EX_OP_JOIN: {
        const ex_thread *target = (const ex_thread *)op->addr;
        return target->state != EX_T_LIVE; /* ended, or never started (a misuse) */
    }
    case EX_OP_WAKE: {
        const ex_lock *l = (const ex_lock *)op->addr;
        return t->notified && (l->count_ == 0 || (op->reentrant && l->owner_ == t));
    }
    case EX_OP_SEM_ACQUIRE:
        return ((const ex_semaphore *)op->addr)->value_ > 0;
    case EX_OP_EVENT_WAIT:
        return ((const ex_event_flag *)op->addr)->set_;
    case EX_OP_SLEEP:
        return false;
    case EX_OP_EXIT:
        return op->ends_all || exit_ready(rt);
    default:
        return true;
    }
}

/* Which threads can move now, as the strategy sees it. */
typedef struct movable {
    uint64_t enabled;  /* non-empty unless deadlocked */
    uint64_t timeouts; /* enabled only by their deadline: the step will be a timeout firing,
                          or a sleep ending */
    uint64_t live;     /* started and not ended */
    bool clock_moves;  /* no untimed step is enabled: taking one moves the virtual clock */
} movable;

static movable movable_threads(const ex_runtime *rt) {
    uint64_t ready = 0, due = 0, timed = 0, live = 0;
    double first = INFINITY;
    for (int i = 0; i < rt->exec.thread_count; i++) {
        const ex_thread *t = &rt->threads[i];
        if (t->state != EX_T_LIVE)
            continue;
        uint64_t bit = 1ull << i;
        double deadline = t->pending.deadline;
        live |= bit;
        if (op_ready(rt, t)) {
            ready |= bit;
        } else if (deadline >= 0 && (rt->options.timing_agnostic || deadline <= rt->exec.clock)) {
            due |= bit;
        } else if (deadline >= 0 && deadline <= first) {
            timed = deadline < first ? bit : timed | bit;
            first = deadline;
        }
    }
    return (movable){.enabled = ready | due ? ready | due : timed,
                     .timeouts = ready | due ? due : timed,
                     .live = live,
                     .clock_moves = !(ready | due) && timed};
}

/* The thread `t` waits for, if its wait is on a lock someone holds or on a thread. */
static const ex_thread *waits_for(const ex_thread *t) {
    const ex_op *op = &t->pending;
    if (op->kind == EX_OP_ACQUIRE || op->kind == EX_OP_WAKE)
        return ((const ex_lock *)op->addr)->owner_;
    if (op->kind == EX_OP_JOIN)
        return (const ex_thread *)op->addr;
    return NULL;
}

static void append_location(ex_runtime *rt, ex_text *out, const char *prefix, const void *pc) {
    char where[128];
    if (pc && ex_symbols_line(ex_symbols_of(rt), pc, where, sizeof where))
        ex_text_printf(out, "%s%s", prefix, where);
}

/* "Thread-1 waits at f.c:21 for lock_b, held by Thread-2 since f.c:30" */
static void describe_wait(ex_runtime *rt, const ex_thread *t, ex_text *out) {
    char name[96];
    const ex_op *op = &t->pending;
    const char *object = ex_object_name(rt, (const void *)op->addr, name, sizeof name);
    ex_text_printf(out, "%s waits", t->name);
    append_location(rt, out, " at ", op->pc);
    if (op->kind == EX_OP_ACQUIRE || op->kind == EX_OP_WAKE) {
        const ex_lock *l = (const ex_lock *)op->addr;
        ex_text_printf(out, op->kind == EX_OP_WAKE ? " on a condition of %s" : " for %s", object);
        if (l->owner_) {
            ex_text_printf(out, ", held by %s", l->owner_->name);
            append_location(rt, out, " since ", l->site_);
        } else if (op->kind == EX_OP_WAKE) {
            ex_text_printf(out, " that nobody will notify");
        }
    } else if (op->kind == EX_OP_JOIN) {
        ex_text_printf(out, " to join %s", ((const ex_thread *)op->addr)->name);
    } else if (op->kind == EX_OP_SEM_ACQUIRE) {
        ex_text_printf(out, " for semaphore %s", object);
    } else if (op->kind == EX_OP_EVENT_WAIT) {
        ex_text_printf(out, " for event %s", object);
    } else if (op->kind == EX_OP_EXIT) {
        ex_text_printf(out, " at exit for its non-daemon threads");
    }
}

/* The wait-for cycle through `start`, as a mask of threads (0: none). */
static uint64_t cycle_from(const ex_runtime *rt, const ex_thread *start) {
    uint64_t seen = 0;
    for (const ex_thread *t = start; t && t->state == EX_T_LIVE; t = waits_for(t)) {
        if (seen >> t->id & 1)
            return t == start ? seen : 0;
        seen |= 1ull << t->id;
    }
    (void)rt;
    return 0;
}

_Noreturn static void deadlock(ex_runtime *rt) {
    ex_text why = {0};
    uint64_t cycle = 0;
    for (int i = 0; i < rt->exec.thread_count && !cycle; i++)
        if (rt->threads[i].state == EX_T_LIVE)
            cycle = cycle_from(rt, &rt->threads[i]);
    if (cycle) { /* the cycle first, in wait-for order */
        const ex_thread *first = &rt->threads[__builtin_ctzll(cycle)], *t = first;
        ex_text_printf(&why, "cycle ");
        do {
            ex_text_printf(&why, "%s -> ", t->name);
            t = waits_for(t);
        } while (t != first);
        ex_text_printf(&why, "%s: ", first->name);
        t = first;
        do {
            describe_wait(rt, t, &why);
            ex_text_append(&why, "; ", 2);
            t = waits_for(t);
        } while (t != first);
    }
    for (int i = 0; i < rt->exec.thread_count; i++) {
        if (rt->threads[i].state != EX_T_LIVE || (cycle >> i & 1))
            continue;
        describe_wait(rt, &rt->threads[i], &why);
        ex_text_append(&why, "; ", 2);
    }
    why.data[why.len -= 2] = '\0';
    ex_status_text_set(rt, EX_STATUS_DEADLOCK, why.data);
    ex_text_free(&why);
    ex_leave_execution(rt);
}

/* The limits are --max-steps and the wall clock, read every 65536 steps: one comparison
 * per step finds the next step where either applies. */
void ex_limits_arm(ex_runtime *rt, uint64_t from) {
    uint64_t clock = from | 0xFFFF, most = rt->options.max_steps;
    rt->limits_due = most && most < clock ? most : clock;
}

static void check_limits(ex_runtime *rt) {
    if (rt->exec.steps < rt->limits_due)
        return;
    ex_limits_arm(rt, rt->exec.steps + 1); /* (unless this step ends the execution) */
    if (rt->options.max_steps && rt->exec.steps >= rt->options.max_steps)
        ex_end_execution(rt, EX_STATUS_STEP_LIMIT, "%s took step %llu, past --max-steps",
                         rt->exec.current->name, (unsigned long long)rt->exec.steps + 1);
    if ((rt->exec.steps & 0xFFFF) == 0xFFFF && ex_time_is_up(rt)) {
        rt->time_exceeded = true;
        ex_end_execution(rt, EX_STATUS_ABANDONED, "time limit");
    }
}

static bool is_thread(const ex_runtime *rt, uintptr_t addr) {
    return addr - (uintptr_t)rt->threads < sizeof rt->threads;
}

static void record_event(ex_runtime *rt, int thread, bool timeout) {
    rt->events =
        ex_grow(rt->events, &rt->event_capacity, rt->exec.event_count + 1, sizeof *rt->events);
    const ex_op *op = &rt->threads[thread].pending;
    bool on_thread =
        ex_op_has(op->kind, EX_F_ON_THREAD) || (op->kind == EX_OP_QUERY && is_thread(rt, op->addr));
    bool no_object = ex_op_has(op->kind, EX_F_NO_OBJECT);
    rt->events[rt->exec.event_count++] =
        (ex_event){.thread = thread,
                   .kind = op->kind,
                   .object = no_object ? 0 : op->addr,
                   .size = op->size,
                   .target = on_thread ? ((const ex_thread *)op->addr)->id : -1,
                   .timed = timeout,
                   .atomic = op->atomic,
                   .pc = op->pc};
}

/* The previous step has run by now: the value it read or wrote is in memory. (Called only
 * when it did run: never after a crash.) Scenario memory may be a dead thread's stack,
 * which AddressSanitizer would flag in the explorer's own build: read it unchecked. */
__attribute__((no_sanitize("address"))) void ex_record_value(ex_runtime *rt) {
    if (!rt->exec.event_count)
        return;
    ex_event *e = &rt->events[rt->exec.event_count - 1];
    if (!ex_op_has(e->kind, EX_F_READS | EX_F_WRITES) || e->has_value || !e->size || e->size > 8 ||
        (e->size & (e->size - 1)))
        return;
    const void *p = (const void *)e->object;
    e->has_value = true;
    switch (e->size) {
    case 1:
        e->value = *(const int8_t *)p;
        break;
    case 2:
        e->value = *(const int16_t *)p;
        break;
    case 4:
        e->value = *(const int32_t *)p;
        break;
    default:
        e->value = *(const int64_t *)p;
    }
}

/* The stateful search's bookkeeping before thread `next` takes its step: a solo run that
 * starts here is replaced by its summary (true: nothing ran, choose again) or recorded;
 * then what the step sees goes into the thread's observations. */
static bool stateful_step(ex_runtime *rt, int ran, int next, bool timed_out, ex_hash memory) {
    ex_thread *t = &rt->threads[next];
    int recording = ex_summary_recording(rt);
    if (recording >= 0 && (recording != next || !ex_summary_allows(rt, t)))
        ex_summary_cancel(rt);
    if (rt->strategy->solo && next != ran && next != 0 && !rt->record_events) {
        ex_hash key = ex_state_solo_key(rt, memory, next);
        if (ex_summary_apply(rt, next, key))
            return true;
        if (ex_summary_allows(rt, t))
            ex_summary_begin(rt, next, key);
    }
    ex_state_observe(rt, t, timed_out, memory);
    return false;
}

/* What the strategy sees. (Every field is set one by one: an initializer clears the struct
 * first, and for this size gcc does it with a `rep stos` that cost a tenth of a DPOR
 * search.) */
static void describe(const ex_runtime *rt, ex_choice *c, const movable *m, int current,
                     ex_hash memory) {
    c->enabled = m->enabled;
    c->live = m->live;
    c->current = current;
    c->step = rt->exec.steps;
    c->timeouts = m->timeouts;
    c->clock_moves = m->clock_moves;
    c->clock = rt->exec.clock;
    c->threads = rt->threads;
    c->thread_count = rt->exec.thread_count;
    c->timing_agnostic = rt->options.timing_agnostic;
    c->runtime = rt;
    c->memory = memory;
    c->stopped = false;
}

/* Asks the strategy which thread performs the next step, given that `ran` took the one
 * before; EX_CHOOSE_* results end the execution here. */
static int choose_next(ex_runtime *rt, ex_thread *self, int ran, movable *m, ex_hash *memory) {
    *m = movable_threads(rt);
    if (!m->enabled)
        deadlock(rt);
    const ex_thread *last = &rt->threads[ran];
    int current = last->state == EX_T_LIVE && (m->enabled >> ran & 1) ? ran : -1;
    if (rt->strategy->stateful)
        *memory = ex_state_memory(rt);
    ex_choice choice;
    describe(rt, &choice, m, current, *memory);
    if (rt->exec.steps >= rt->checkpoint_due || rt->strategy->wants_checkpoint) /* (else none) */
        ex_checkpoint_maybe(rt, self, &choice);
    int next = rt->strategy->choose(rt->strategy, &choice);
    if (next == EX_CHOOSE_BLOCKED) {
        rt->redundant = true;
        ex_end_execution(rt, EX_STATUS_ABANDONED, "redundant");
    }
    if (next < 0)
        ex_end_execution(rt, EX_STATUS_ABANDONED, "%s", rt->strategy->error);
    if (current >= 0 && next != current)
        rt->exec.preemptions++;
    return next;
}

/* Picks the thread that performs the next step and switches to it. Returns when `self`
 * is chosen (never, if `self` has ended). */
static void schedule_next(ex_runtime *rt, ex_thread *self) {
    check_limits(rt);
    if (self->state == EX_T_DONE && ex_summary_recording(rt) == self->id)
        ex_summary_save(rt);
    movable m;
    ex_hash memory = {0, 0};
    int ran = self->id, next;
    bool timed_out;
    for (;;) {
        next = choose_next(rt, self, ran, &m, &memory);
        timed_out = (m.timeouts >> next & 1) &&
                    (rt->threads[next].pending.kind != EX_OP_SLEEP || m.clock_moves);
        if (!rt->strategy->stateful || !stateful_step(rt, ran, next, timed_out, memory))
            break;
        ran = next; /* its whole run was replaced by a summary: it has ended */
    }
    if (rt->record_events) {
        ex_record_value(rt);
        record_event(rt, next, timed_out);
    }
    rt->exec.steps++;
    ex_schedule_push(&rt->schedule, next);
    if (next != self->id) {
        ex_thread *t = &rt->threads[next];
        rt->exec.current = t;
        ex_fiber *to = &rt->fibers[next];
        ex_fiber_switch(&rt->fibers[self->id].ctx, &to->ctx, to);
    }
}

void ex_step_pending(ex_runtime *rt) {
    schedule_next(rt, rt->exec.current);
}

void ex_clock_reach(ex_runtime *rt, double deadline) {
    if (!rt->options.timing_agnostic && deadline > rt->exec.clock)
        rt->exec.clock = deadline;
}

_Noreturn void ex_step_final(ex_runtime *rt) {
    ex_thread *self = rt->exec.current;
    self->state = EX_T_DONE;
    schedule_next(rt, self);
    __builtin_unreachable();
}

/* "status: detail" (appended piece by piece: it runs once per execution) */
static void status_text_begin(ex_runtime *rt, ex_status status, bool detailed) {
    const char *name = ex_status_name(status);
    rt->status = status;
    ex_text_clear(&rt->status_text);
    ex_text_append(&rt->status_text, name, strlen(name));
    if (detailed)
        ex_text_append(&rt->status_text, ": ", 2);
}

void ex_status_text_set(ex_runtime *rt, ex_status status, const char *detail) {
    status_text_begin(rt, status, detail);
    if (detail)
        ex_text_append(&rt->status_text, detail, strlen(detail));
}

_Noreturn void ex_leave_execution(ex_runtime *rt) {
    ex_fiber_switch(&rt->abandoned_ctx, &rt->scheduler_ctx, NULL);
    __builtin_unreachable();
}

/* Ends the execution with `status` and the detail `prefix` + fmt. */
_Noreturn static void end_with(ex_runtime *rt, ex_status status, const char *prefix,
                               const char *fmt, va_list ap) {
    status_text_begin(rt, status, true);
    ex_text_append(&rt->status_text, prefix, strlen(prefix));
    ex_text_vprintf(&rt->status_text, fmt, ap);
    ex_leave_execution(rt);
}

_Noreturn void ex_end_execution(ex_runtime *rt, ex_status status, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    end_with(rt, status, "", fmt, ap);
}

_Noreturn void ex_misuse(ex_runtime *rt, const char *fmt, ...) {
    char who[EX_NAME_MAX + 2];
    snprintf(who, sizeof who, "%s: ", rt->exec.current->name);
    va_list ap;
    va_start(ap, fmt);
    end_with(rt, EX_STATUS_MISUSE, who, fmt, ap);
}

_Noreturn void ex_misuse_null(ex_runtime *rt, const char *call) {
    ex_misuse(rt, "%s: NULL instead of an object", call);
}

/* The initial state: MainThread about to begin. */
static void reset_execution(ex_runtime *rt) {
    ex_module_reset(rt->module);
    ex_arena_reset(&rt->heap);
    ex_arena_reset(&rt->scratch);
    ex_text_clear(&rt->output);
    ex_schedule_clear(&rt->schedule);
    rt->exec = (ex_execution){.steps = 0};
    ex_limits_arm(rt, 0);
    rt->checkpoint_due = 0;
    rt->exec.current = ex_thread_main_init(rt);
}

/* Runs one execution: from the initial state, or from the deepest checkpoint before the
 * strategy's first new choice. */
void ex_execution_run(ex_runtime *rt) {
    uint64_t diverges = rt->strategy->divergence ? rt->strategy->divergence(rt->strategy) : 0;
    if (ex_checkpoint_restore(rt, diverges))
        ex_limits_arm(rt, rt->exec.steps);
    else
        reset_execution(rt);
    rt->status = EX_STATUS_OK;
    rt->redundant = false;
    ex_summary_cancel(rt);
    ex_text_clear(&rt->status_text);
    rt->in_execution = true;
    ex_fiber *first = &rt->fibers[rt->exec.current->id];
    ex_fiber_switch(&rt->scheduler_ctx, &first->ctx, first);
    rt->in_execution = false;
    bool by_signal = rt->status == EX_STATUS_CRASH || rt->status == EX_STATUS_RUNAWAY ||
                     (rt->status == EX_STATUS_ABANDONED && rt->time_exceeded);
    if (by_signal)
        ex_faults_forget_handler(rt);
    else if (rt->record_events)
        ex_record_value(rt);
    char foreign[256]; /* (an abandoned execution leaves it to the next) */
    if (rt->status != EX_STATUS_ABANDONED && ex_foreign_take(rt, foreign, sizeof foreign))
        ex_status_text_set(rt, EX_STATUS_UNSUPPORTED, foreign);
    if (!rt->status_text.len)
        ex_status_text_set(rt, rt->status, NULL);
    if (rt->strategy->end_execution) {
        bool stopped = rt->status == EX_STATUS_CHECK_FAILED || rt->status == EX_STATUS_MISUSE ||
                       rt->status == EX_STATUS_CRASH || rt->status == EX_STATUS_UNSUPPORTED;
        movable none = {.live = 0}; /* the execution is over: nothing moves */
        for (int i = 0; i < rt->exec.thread_count; i++)
            none.live |= (uint64_t)(rt->threads[i].state == EX_T_LIVE) << i;
        ex_choice end;
        describe(rt, &end, &none, -1, (ex_hash){0, 0});
        end.stopped = stopped;
        rt->strategy->end_execution(rt->strategy, &end);
    }
}

/* A failed EX_CHECK. The same check failing in the same thread has the same status text:
 * it is formatted only when that changes (a violation found in most executions costs one
 * copy each time). */
_Noreturn void ex_check_failed(const char *expression, const char *file, int line) {
    ex_runtime *rt = ex_rt;
    struct ex_check_site *c = &rt->last_check;
    const char *who = rt->exec.current->name;
    if (c->expression != expression || c->file != file || c->line != line ||
        strcmp(c->thread, who) != 0) {
        const char *base = strrchr(file, '/');
        c->expression = expression;
        c->file = file;
        c->line = line;
        memcpy(c->thread, who, sizeof c->thread);
        ex_text detail = {0};
        ex_text_printf(&detail, "%s (%s:%d, in %s)", expression, base ? base + 1 : file, line, who);
        ex_status_text_set(rt, EX_STATUS_CHECK_FAILED, detail.data); /* (its one format) */
        ex_text_free(&detail);
        ex_text_clear(&c->status_text);
        ex_text_append(&c->status_text, rt->status_text.data, rt->status_text.len);
    }
    rt->status = EX_STATUS_CHECK_FAILED;
    ex_text_clear(&rt->status_text);
    ex_text_append(&rt->status_text, c->status_text.data, c->status_text.len);
    ex_leave_execution(rt);
}
