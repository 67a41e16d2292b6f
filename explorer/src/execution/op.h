/* The visible operations' table: one line per ex_op_kind with its name and the facts the
 * runtime asks about it (may it wait, what it reads or writes, how it synchronises). The
 * names (op.c) and a mask of kinds per fact (EX_OP_KINDS, a constant) are derived from it;
 * a fact is looked up as EX_OP_KINDS(fact) >> kind & 1, which costs a shift and a test.
 * dependence.h's switch states the dependence relation itself and stays there. */
#ifndef EXPLORER_OP_H
#define EXPLORER_OP_H

#include "explorer/explorer.h"

#include <stdbool.h>

enum {
    EX_F_WAITS = 1 << 0,          /* may have to wait: the scheduler asks whether it can happen */
    EX_F_READS = 1 << 1,          /* reads memory at its address (a load, an atomic rmw) */
    EX_F_WRITES = 1 << 2,         /* writes memory at its address */
    EX_F_ON_THREAD = 1 << 3,      /* its object is a thread (a query's may be: ask its address) */
    EX_F_NO_OBJECT = 1 << 4,      /* has no object at all */
    EX_F_SYNC = 1 << 5,           /* a synchronisation: its result may depend on all of memory */
    EX_F_ACQUIRES = 1 << 6,       /* happens after its object's latest release (race.c) */
    EX_F_RELEASES = 1 << 7,       /* the object's next acquire happens after it */
    EX_F_TOUCHES_OTHERS = 1 << 8, /* starts, wakes or waits for another thread */
};

/* X(kind, name, facts, arg): every operation kind, in ex_op_kind's order. */
#define EX_OPS(X, arg)                                                                             \
    X(BEGIN, "begin", EX_F_NO_OBJECT, arg)                                                         \
    X(END, "end", EX_F_ON_THREAD | EX_F_RELEASES, arg)                                             \
    X(START, "start", EX_F_ON_THREAD | EX_F_SYNC | EX_F_TOUCHES_OTHERS, arg)                       \
    X(JOIN, "join", EX_F_WAITS | EX_F_ON_THREAD | EX_F_SYNC | EX_F_ACQUIRES, arg)                  \
    X(READ, "read", EX_F_READS, arg)                                                               \
    X(WRITE, "write", EX_F_WRITES, arg)                                                            \
    X(RMW, "rmw", EX_F_READS | EX_F_WRITES, arg)                                                   \
    X(ACQUIRE, "acquire", EX_F_WAITS | EX_F_SYNC | EX_F_ACQUIRES, arg)                             \
    X(TRY, "try", EX_F_SYNC | EX_F_ACQUIRES, arg)                                                  \
    X(RELEASE, "release", EX_F_SYNC | EX_F_RELEASES, arg)                                          \
    X(PRINT, "print", EX_F_SYNC, arg)                                                              \
    X(SLEEP, "sleep", EX_F_WAITS | EX_F_NO_OBJECT | EX_F_SYNC, arg)                                \
    X(EXIT, "exit", EX_F_WAITS | EX_F_NO_OBJECT | EX_F_SYNC | EX_F_TOUCHES_OTHERS, arg)            \
    X(WAIT, "wait", EX_F_SYNC | EX_F_RELEASES, arg)                                                \
    X(WAKE, "wake", EX_F_WAITS | EX_F_SYNC | EX_F_ACQUIRES, arg)                                   \
    X(NOTIFY, "notify", EX_F_SYNC | EX_F_TOUCHES_OTHERS, arg)                                      \
    X(SEM_ACQUIRE, "sem-acquire", EX_F_WAITS | EX_F_SYNC | EX_F_ACQUIRES, arg)                     \
    X(SEM_RELEASE, "sem-release", EX_F_SYNC | EX_F_RELEASES, arg)                                  \
    X(EVENT_SET, "event-set", EX_F_SYNC | EX_F_RELEASES, arg)                                      \
    X(EVENT_WAIT, "event-wait", EX_F_WAITS | EX_F_SYNC | EX_F_ACQUIRES, arg)                       \
    X(QUERY, "query", EX_F_SYNC, arg)

#define EX_OP_KIND_IF(kind, name, facts, fact) | ((facts) & (fact) ? 1u << EX_OP_##kind : 0u)
/* The kinds with any of `facts`, as a mask of 1 << kind (a constant expression). */
#define EX_OP_KINDS(facts) (0u EX_OPS(EX_OP_KIND_IF, facts))

/* Whether operations of this kind have any of `facts` (a constant). */
#define ex_op_has(kind, facts) ((EX_OP_KINDS(facts) >> (kind)&1) != 0)

#endif
