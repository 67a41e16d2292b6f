/* exit(), _Exit() and quick_exit() in scenario code (linked with --wrap for each): they end
 * the execution, never the explorer. The call is a step that ends every thread at once
 * (an `exit` step that waits for nobody, dependent on every other step), then the
 * execution ends: exit(0) as `ok` with the call, its file:line and thread in the status
 * text; any other status as a failed check ("exit(3) (f.c:12, in Thread-1)"): a C program
 * that exits non-zero says it failed, as a test program does. Handlers registered with
 * atexit() or at_quick_exit() are not run, and stdio buffers are not flushed (the output
 * is the execution's own). Outside an execution the real call is made, except in the
 * child that tries a module's constructors (module.c), which leaves with _exit. */
#include "execution/runtime.h"
#include "analysis/symbols.h"
#include "execution/module.h"
#include "execution/scheduler.h"

#include <stdlib.h>
#include <unistd.h>

#define CALLER __builtin_return_address(0)

/* Ends the execution in progress, if any, as `call`(status) made from `pc`. */
static void end_all(const char *call, int status, const void *pc) {
    ex_runtime *rt = ex_rt;
    if (!rt || !rt->in_execution) {
        if (ex_module_trying_constructors())
            _exit(status);
        return;
    }
    ex_op op = {.kind = EX_OP_EXIT,
                .addr = (uintptr_t)rt->exec.current,
                .ends_all = true,
                .deadline = -1,
                .pc = pc};
    ex_step(rt, op);
    char site[192];
    ex_symbols_call_site(rt, pc, site, sizeof site);
    ex_end_execution(rt, status == 0 ? EX_STATUS_OK : EX_STATUS_CHECK_FAILED, "%s(%d) (%s)", call,
                     status, site);
}

EX_API _Noreturn void __wrap_exit(int status);
_Noreturn void __wrap_exit(int status) {
    end_all("exit", status, CALLER);
    exit(status);
}

EX_API _Noreturn void __wrap__Exit(int status);
_Noreturn void __wrap__Exit(int status) {
    end_all("_Exit", status, CALLER);
    _Exit(status);
}

EX_API _Noreturn void __wrap_quick_exit(int status);
_Noreturn void __wrap_quick_exit(int status) {
    end_all("quick_exit", status, CALLER);
    quick_exit(status);
}
