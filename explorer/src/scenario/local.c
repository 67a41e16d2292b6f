/* threading.local: per-thread named attributes. Not a scheduling point: no other thread
 * can observe a thread's own attributes. Slots live in the runtime's per-execution arena. */
#include "execution/runtime.h"
#include "execution/scheduler.h"
#include "util/arena.h"

#include <string.h>

typedef struct ex_local_slot ex_local_slot;
struct ex_local_slot {
    int thread;
    const char *attribute;
    const void *value;
    ex_local_slot *next;
};

static ex_local_slot *find(ex_local *local, int thread, const char *attribute) {
    for (ex_local_slot *s = local->slots_; s; s = s->next)
        if (s->thread == thread && strcmp(s->attribute, attribute) == 0)
            return s;
    return NULL;
}

void ex_local_set(ex_local *local, const char *attribute, const void *value) {
    ex_need(ex_rt, local, __func__);
    ex_runtime *rt = ex_rt;
    ex_local_slot *s = find(local, rt->exec.current->id, attribute);
    if (!s) {
        s = ex_arena_alloc(&rt->scratch, sizeof *s);
        s->thread = rt->exec.current->id;
        s->attribute = attribute;
        s->next = local->slots_;
        local->slots_ = s;
    }
    s->value = value;
}

const void *ex_local_get(ex_local *local, const char *attribute) {
    ex_need(ex_rt, local, __func__);
    ex_runtime *rt = ex_rt;
    ex_local_slot *s = find(local, rt->exec.current->id, attribute);
    if (!s)
        ex_misuse(rt, "AttributeError: '_thread._local' object has no attribute '%s'", attribute);
    return s->value;
}

bool ex_local_has(ex_local *local, const char *attribute) {
    ex_need(ex_rt, local, __func__);
    return find(local, ex_rt->exec.current->id, attribute) != NULL;
}
