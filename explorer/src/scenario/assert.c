/* assert() in scenario code. Scenarios are compiled without NDEBUG and linked with
 * --wrap=__assert_fail, so a failed assert() is a failed check, as EX_CHECK's: its
 * expression, file:line and thread. Outside an execution it fails for real. */
#include "execution/runtime.h"

#undef NDEBUG /* (the release build defines it: <assert.h> then declares no __assert_fail) */
#include <assert.h>

EX_API _Noreturn void __wrap___assert_fail(const char *assertion, const char *file,
                                           unsigned int line, const char *function);
_Noreturn void __wrap___assert_fail(const char *assertion, const char *file, unsigned int line,
                                    const char *function) {
    ex_runtime *rt = ex_rt;
    if (rt && rt->in_execution)
        ex_check_failed(assertion, file, (int)line);
    __assert_fail(assertion, file, line, function);
}
