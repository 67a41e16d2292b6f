/* The one wording of each usage error: "explorer: " and what is wrong, on stderr; for a bad
 * value "--NAME: expected WHAT, got 'VALUE'" (or "got nothing"). */
#include "options.h"

#include "exit_codes.h"

#include <stdarg.h>

int cli_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("explorer: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return CLI_EXIT_USAGE;
}

const char *cli_choices_text(const cli_option *o, unsigned mask, char *buf, size_t len) {
    int total = 0, named = 0;
    for (int i = 0; i < CLI_MAX_CHOICES; i++)
        total += o->choices[i] && (mask & 1u << i);
    size_t n = 0;
    buf[0] = '\0';
    for (int i = 0; i < CLI_MAX_CHOICES && n < len; i++) {
        if (!o->choices[i] || !(mask & 1u << i))
            continue;
        const char *sep = !named ? "" : named + 1 == total ? " or " : ", ";
        n += (size_t)snprintf(buf + n, len - n, "%s%s", sep, o->choices[i]);
        named++;
    }
    return buf;
}

int cli_bad_value(const cli_option *o, const char *got) {
    char choices[64];
    const char *expects = o->kind == VALUE_NONE ? "no value"
                          : o->kind == VALUE_CHOICE
                              ? cli_choices_text(o, ~0u, choices, sizeof choices)
                              : o->expects;
    if (!got)
        return cli_error("--%s: expected %s, got nothing", o->name, expects);
    return cli_error("--%s: expected %s, got '%s'", o->name, expects, got);
}
