/* The scenario's standard output: printf, vprintf, puts and putchar (the scenario is
 * linked with --wrap for each) append to the execution's output; each call is one
 * `print` step. Outside an execution they print for real. */
#include "execution/runtime.h"
#include "execution/scheduler.h"
#include "util/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The address every print step names: stdout is one shared object. */
static bool print_step(const void *pc) {
    ex_runtime *rt = ex_rt;
    if (!rt || !rt->in_execution)
        return false;
    ex_op op = {.kind = EX_OP_PRINT, .addr = (uintptr_t)&rt->output, .deadline = -1, .pc = pc};
    ex_step(rt, op);
    return true;
}

EX_API int __wrap_vprintf(const char *fmt, va_list ap);
int __wrap_vprintf(const char *fmt, va_list ap) {
    if (!print_step(__builtin_return_address(0)))
        return vprintf(fmt, ap);
    size_t before = ex_rt->output.len;
    ex_text_vprintf(&ex_rt->output, fmt, ap);
    return (int)(ex_rt->output.len - before);
}

EX_API int __wrap_printf(const char *fmt, ...);
int __wrap_printf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n;
    if (!print_step(__builtin_return_address(0))) {
        n = vprintf(fmt, ap);
    } else {
        size_t before = ex_rt->output.len;
        ex_text_vprintf(&ex_rt->output, fmt, ap);
        n = (int)(ex_rt->output.len - before);
    }
    va_end(ap);
    return n;
}

EX_API int __wrap_puts(const char *s);
int __wrap_puts(const char *s) {
    if (!print_step(__builtin_return_address(0)))
        return puts(s);
    ex_text_append(&ex_rt->output, s, strlen(s));
    ex_text_append(&ex_rt->output, "\n", 1);
    return 1;
}

EX_API int __wrap_putchar(int c);
int __wrap_putchar(int c) {
    if (!print_step(__builtin_return_address(0)))
        return putchar(c);
    char ch = (char)c;
    ex_text_append(&ex_rt->output, &ch, 1);
    return (unsigned char)c;
}
