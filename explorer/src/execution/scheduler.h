/* The scheduler: the scheduling point every visible operation goes through (ex_step), the
 * ways an execution ends, and the run of one execution (scheduler.c). */
#ifndef EXPLORER_SCHEDULER_H
#define EXPLORER_SCHEDULER_H

#include "execution/runtime.h"
#include "util/clock.h"

void ex_step_pending(ex_runtime *rt); /* the running thread's `pending` is set */
/* The running thread's next visible operation: the strategy picks who performs the next
 * step. (Inline, so that `op` is built in place: this runs at every step.) */
static inline void ex_step(ex_runtime *rt, ex_op op) {
    rt->exec.current->pending = op;
    ex_step_pending(rt);
}
_Noreturn void ex_step_final(ex_runtime *rt);         /* after END: the thread is gone */
void ex_clock_reach(ex_runtime *rt, double deadline); /* a timed wait fired */
void ex_record_value(ex_runtime *rt); /* fills in the value of the last recorded step */
void ex_status_text_set(ex_runtime *rt, ex_status status, const char *detail);
_Noreturn void ex_leave_execution(ex_runtime *rt); /* back to the search loop */
_Noreturn void ex_end_execution(ex_runtime *rt, ex_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
_Noreturn void ex_misuse(ex_runtime *rt, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
_Noreturn void ex_misuse_null(ex_runtime *rt, const char *call);
/* The API call `call` needs `object`: NULL is a misuse (before any step touches it). */
static inline void ex_need(ex_runtime *rt, const void *object, const char *call) {
    if (__builtin_expect(!object, 0) && rt)
        ex_misuse_null(rt, call);
}
void ex_execution_run(ex_runtime *rt);

/* Whether the search's time limit has passed (the kernel's coarse clock: async-signal-safe). */
static inline bool ex_time_is_up(const ex_runtime *rt) {
    return rt->deadline_wall > 0 && ex_now_coarse() > rt->deadline_wall;
}

#define EX_CLOCK_CYCLES 1000000 /* about 0.3-0.5 ms: reading the clock more often costs more */

/* ex_time_is_up, for every execution: the clock is read when a million cycles have passed
 * since it last was (always, where there is no cycle counter). */
static inline bool ex_time_is_up_now(ex_runtime *rt) {
    uint64_t now = ex_cycles();
    if (now && now - rt->clock_read_at < EX_CLOCK_CYCLES)
        return false;
    rt->clock_read_at = now;
    return ex_time_is_up(rt);
}

/* The limits (--max-steps, the wall clock) checked from the step `from` on. */
void ex_limits_arm(ex_runtime *rt, uint64_t from);

#endif
