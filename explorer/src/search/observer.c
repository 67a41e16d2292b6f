/* What an observer can ask of the search it watches, through its handle (ex_search,
 * explorer.h): the execution's threads and status text, a step described for people, what
 * a step touched as a key that does not move from one search to the next -- and to stop. */
#include "search/observer.h"
#include "analysis/trace.h"

void ex_search_stop(ex_search *s) {
    s->stop = true;
}

int ex_search_thread_count(const ex_search *s) {
    return s->rt->exec.thread_count;
}

const char *ex_search_thread_name(const ex_search *s, int thread) {
    return thread >= 0 && thread < s->rt->exec.thread_count ? s->rt->threads[thread].name : "?";
}

const char *ex_search_status_text(const ex_search *s) {
    return s->rt->status_text.data ? s->rt->status_text.data : "";
}

void ex_search_describe(ex_search *s, const ex_event *e, ex_trace_step *out) {
    ex_trace_describe(s->rt, e, out);
}

/* The runtime -- its threads, stdout, the heap arena, the fiber stacks -- is allocated anew
 * for each search: its objects are named by thread id or by offset, with a tag of their
 * own above any address; the scenario's own data keeps its address. */
uint64_t ex_search_object_key(const ex_search *s, const ex_event *e) {
    const ex_runtime *rt = s->rt;
    if (e->target >= 0)
        return 1ull << 62 | (uint64_t)e->target;
    if (e->kind == EX_OP_PRINT)
        return 1ull << 61;
    if (e->object - (uintptr_t)rt->heap.base < rt->heap.used)
        return 1ull << 60 | (e->object - (uintptr_t)rt->heap.base);
    if (ex_fiber_stacks_slot(&rt->stacks, e->object) >= 0)
        return 1ull << 59 | (e->object - (uintptr_t)rt->stacks.base);
    return e->object;
}
