/* The scenario's standard output: printf, vprintf, puts and putchar (the scenario is
 * linked with --wrap for each) append to the execution's output; each call is one
 * `print` step. Outside an execution they print for real.
 *
 * One execution keeps at most EX_OUTPUT_MAX bytes: a print that goes past it ends the
 * execution as `unsupported` (neither a violation nor a proof), its output cut there, so
 * that a scenario printing without end cannot fill the memory or the report. */
#include "execution/runtime.h"
#include "analysis/symbols.h"
#include "execution/scheduler.h"
#include "util/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define EX_OUTPUT_MAX ((size_t)1 << 20) /* bytes of output one execution keeps: 1 MiB */

/* After a print from `pc` that appended to the output: past the cap, the execution ends. */
static void output_capped(ex_runtime *rt, const void *pc) {
    if (rt->output.len <= EX_OUTPUT_MAX)
        return;
    rt->output.len = EX_OUTPUT_MAX;
    rt->output.data[EX_OUTPUT_MAX] = '\0';
    char site[192];
    ex_symbols_call_site(rt, pc, site, sizeof site);
    ex_end_execution(rt, EX_STATUS_UNSUPPORTED,
                     "output past 1 MiB (%s): one execution keeps at most 1 MiB of output", site);
}

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
    output_capped(ex_rt, __builtin_return_address(0));
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
        output_capped(ex_rt, __builtin_return_address(0));
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
    output_capped(ex_rt, __builtin_return_address(0));
    return 1;
}

EX_API int __wrap_putchar(int c);
int __wrap_putchar(int c) {
    if (!print_step(__builtin_return_address(0)))
        return putchar(c);
    char ch = (char)c;
    ex_text_append(&ex_rt->output, &ch, 1);
    output_capped(ex_rt, __builtin_return_address(0));
    return (unsigned char)c;
}
