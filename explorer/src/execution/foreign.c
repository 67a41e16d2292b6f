/* OS threads the explorer did not start (an uninstrumented library's own threads) that
 * reach a hook. ex_rt is thread-local and set on the explorer's own thread only, so on any
 * other thread the hooks find it NULL, never touch a fiber, and call ex_foreign_access(),
 * which keeps the first such access. When the execution in progress ends, the scheduler
 * takes it (ex_foreign_take) and ends that execution (or the next, after an abandoned one)
 * as `unsupported`, with that access's file:line. The hooks' fast path pays nothing for
 * this: the NULL test was there already. */
#include "execution/foreign.h"
#include "analysis/symbols.h"
#include "scenario/unsupported.h"

#include <stdatomic.h>
#include <stdio.h>

/* The first access by an OS thread the explorer did not start, since the last take. */
static _Atomic(const void *) foreign_pc;

void ex_foreign_access(const void *pc) {
    const void *none = NULL;
    if (!atomic_load_explicit(&foreign_pc, memory_order_relaxed))
        atomic_compare_exchange_strong(&foreign_pc, &none, pc ? pc : (const void *)1);
}

void ex_foreign_forget(void) {
    atomic_store(&foreign_pc, NULL);
}

bool ex_foreign_take(ex_runtime *rt, char *detail, size_t len) {
    if (!atomic_load(&foreign_pc))
        return false;
    const void *pc = atomic_exchange(&foreign_pc, NULL);
    char where[128];
    ex_symbols_line_or_empty(rt, pc, where, sizeof where);
    snprintf(detail, len,
             "an OS thread the explorer did not start reached scenario code%s%s: " EX_NO_OS_THREADS,
             where[0] ? " at " : "", where);
    return true;
}
