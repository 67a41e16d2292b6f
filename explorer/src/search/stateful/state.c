/* State identity for the stateful search: 128-bit hashes of what an execution's future
 * depends on, so that a state reached twice is explored once.
 *
 * A state is the scenario's memory, the runtime's thread table and each thread's local
 * state. Memory is hashed as bytes: the module's writable data, both arenas (the heap and
 * the runtime's own objects: locals, queues, argument strings), the stack pages other
 * threads share, and the runtime's counters. A thread's local state (its stack and
 * registers) is not hashed as bytes -- its dead slots hold the runtime's leftovers, which
 * differ between executions that reach the same state -- but by what determines it: a
 * thread's code is deterministic, so its local state is a function of what it has seen.
 * Each thread keeps `observed`, a hash of its arguments and of every step it took with
 * what the step saw: the value a read or an atomic found, and for any other operation
 * (an acquire, a join, a timeout) the whole memory hash at that moment. Two states with the
 * same memory, thread table and observations have the same future.
 *
 * What a thread learns without a step (the virtual clock from ex_time, another thread's
 * name or daemon flag) goes into its observations too (ex_state_note).
 *
 * Limits: hashes can collide (the search's table keeps 96 of the 128 bits: about
 * n^2 / 2^97 for n states, negligible but not zero); a
 * thread that reads shared memory without a visible step (EX_UNTRACKED data another thread
 * writes) is outside the model, as it is for the whole explorer. */
#include "search/stateful/state.h"
#include "execution/op.h"
#include "execution/image.h"
#include "search/strategy.h"
#include "util/hash.h"

#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

static uint64_t bits_of(double d) {
    uint64_t w;
    memcpy(&w, &d, sizeof w);
    return w;
}

/* The stack pages another thread touched, with their content: readable by others. */
static void hash_shared_stacks(ex_hash *h, const ex_runtime *rt) {
    for (size_t byte = 0; byte < rt->shared_stack_extent; byte++) {
        for (uint8_t bits = rt->shared_stack_pages[byte]; bits; bits &= (uint8_t)(bits - 1)) {
            size_t page = byte * 8 + (size_t)__builtin_ctz(bits);
            const char *at = rt->stacks.base + page * EX_STACK_PAGE;
            int slot = ex_fiber_stacks_slot(&rt->stacks, (uintptr_t)at);
            if (slot < rt->exec.thread_count && rt->threads[slot].state == EX_T_LIVE &&
                at >= rt->fibers[slot].stack_lo) {
                ex_hash_word(h, page);
                ex_hash_bytes(h, at, EX_STACK_PAGE);
            }
        }
    }
}

ex_hash ex_state_memory(const ex_runtime *rt) {
    ex_hash h = ex_hash_new(1);
    ex_region data[EX_IMAGE_MAX_REGIONS];
    int n = ex_image_data(rt, data);
    for (int i = 0; i < n; i++) {
        ex_hash_word(&h, (uintptr_t)data[i].addr); /* (empty regions are left out) */
        ex_hash_bytes(&h, data[i].addr, data[i].len);
    }
    hash_shared_stacks(&h, rt);
    ex_hash_word(&h, (uint64_t)rt->exec.thread_count << 32 | (uint32_t)rt->exec.unnamed_count);
    ex_hash_word(&h, rt->exec.wait_count);
    ex_hash_word(&h, bits_of(rt->exec.clock));
    for (int i = 0; i < rt->exec.thread_count; i++) {
        const ex_thread *t = &rt->threads[i];
        ex_hash_word(&h, (uint64_t)t->state << 8 | t->daemon);
        ex_hash_bytes(&h, t->name, strlen(t->name));
    }
    return h;
}

static void hash_op(ex_hash *h, const ex_op *op) {
    ex_hash_word(h, (uint64_t)op->kind << 40 | (uint64_t)op->size << 8 |
                        (uint64_t)op->reentrant << 1 | op->atomic);
    ex_hash_word(h, op->addr);
    ex_hash_word(h, bits_of(op->deadline));
    ex_hash_word(h, (uintptr_t)op->pc);
}

/* What thread t is, besides memory: what it waits to do (when it can, its deadline), its
 * place in a Condition's queue, and what it saw (its local state). */
static void hash_thread(ex_hash *h, const ex_thread *t, bool local) {
    hash_op(h, &t->pending);
    ex_hash_word(h, (uint64_t)t->notified << 63 ^ t->wait_order);
    if (local) {
        ex_hash_word(h, t->observed.a);
        ex_hash_word(h, t->observed.b);
    }
}

/* Memory and every live thread; the local states of all, or of `only` (>= 0). */
static ex_hash threads_key(const ex_runtime *rt, ex_hash memory, int only) {
    ex_hash h = memory;
    for (int i = 0; i < rt->exec.thread_count; i++)
        if (rt->threads[i].state == EX_T_LIVE)
            hash_thread(&h, &rt->threads[i], only < 0 || i == only);
    return h;
}

ex_hash ex_state_key(const ex_runtime *rt, ex_hash memory, int current) {
    ex_hash h = threads_key(rt, memory, -1);
    ex_hash_bytes(&h, rt->output.data ? rt->output.data : "", rt->output.len);
    ex_hash_word(&h, (uint64_t)(int64_t)current);
    return h;
}

/* A solo run depends on memory, on its thread, and on what the others wait for -- their
 * operations and deadlines say whether one of them could move first (then the run stops
 * being solo) -- not on what the others saw. */
ex_hash ex_state_solo_key(const ex_runtime *rt, ex_hash memory, int thread) {
    ex_hash h = threads_key(rt, memory, thread);
    ex_hash_word(&h, (uint64_t)thread);
    return h;
}

/* The bytes a read is about to see, hashed; memory elsewhere (libc's, read-only data) is
 * read with a call that cannot fault: an unmapped address hashes as such (the access will
 * crash the execution anyway). */
__attribute__((no_sanitize("address"))) static void hash_memory_at(ex_hash *h, const ex_runtime *rt,
                                                                   uintptr_t p, size_t n) {
    if (!n)
        return;
    if (ex_image_known(rt, p, n)) {
        ex_hash_bytes(h, (const void *)p, n);
        return;
    }
    char buf[256];
    for (size_t done = 0; done < n;) {
        size_t part = n - done < sizeof buf ? n - done : sizeof buf;
        struct iovec local = {buf, part}, remote = {(void *)(p + done), part};
        if (process_vm_readv(getpid(), &local, 1, &remote, 1, 0) != (ssize_t)part) {
            ex_hash_word(h, 0xDEADull << 48 | done);
            return;
        }
        ex_hash_bytes(h, buf, part);
        done += part;
    }
}

void ex_state_observe(ex_runtime *rt, ex_thread *t, bool timed_out, ex_hash memory) {
    const ex_op *op = &t->pending;
    ex_hash *h = &t->observed;
    hash_op(h, op);
    ex_hash_word(h, timed_out);
    if (ex_op_has(op->kind, EX_F_READS)) {
        hash_memory_at(h, rt, op->addr, op->size);
    } else if (ex_op_has(op->kind, EX_F_SYNC)) {
        ex_hash_word(h, memory.a); /* a synchronisation: its result depends on all of it */
        ex_hash_word(h, memory.b);
    }
}

void ex_state_thread_born(const ex_runtime *rt, ex_thread *t) {
    if (!rt->strategy->stateful)
        return;
    const ex_thread_call *call = &rt->calls[t->id];
    t->observed = ex_hash_new(2 + (uint64_t)t->id);
    ex_hash_word(&t->observed, (uintptr_t)call->target);
    for (int i = 0; call->target && i < call->arg_count; i++) {
        const ex_arg *a = &call->args[i];
        ex_hash_word(&t->observed, (uint64_t)a->type);
        if (a->type == EX_ARG_STR && a->v.s)
            ex_hash_bytes(&t->observed, a->v.s, strlen(a->v.s));
        else if (a->type == EX_ARG_INT)
            ex_hash_word(&t->observed, (uint64_t)(int64_t)a->v.i);
        else if (a->type == EX_ARG_DOUBLE)
            ex_hash_word(&t->observed, bits_of(a->v.d));
        else
            ex_hash_word(&t->observed, (uint64_t)a->v.l); /* long, or a pointer's bits */
    }
}

void ex_state_note(ex_runtime *rt, const void *data, size_t n) {
    if (rt && rt->in_execution && rt->strategy->stateful)
        ex_hash_bytes(&rt->exec.current->observed, data, n);
}
