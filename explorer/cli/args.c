/* What the `explorer` commands share on their command lines: one-line usage errors,
 * numbers, -p NAME=VALUE settings, and opening a scenario with them. */
#include "args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_usage(const char *fmt, const char *what) {
    fprintf(stderr, "explorer: ");
    fprintf(stderr, fmt, what);
    fputc('\n', stderr);
    return EXIT_USAGE;
}

bool cli_parse_count(const char *s, uint64_t *out) {
    char *end;
    errno = 0;
    unsigned long long v = s ? strtoull(s, &end, 10) : 0;
    if (!s || errno || end == s || *end || *s == '-')
        return false;
    *out = v;
    return true;
}

bool cli_parse_seconds(const char *s, double *out) {
    char *end;
    errno = 0;
    double v = s ? strtod(s, &end) : -1;
    if (!s || errno || end == s || *end || v < 0)
        return false;
    *out = v;
    return true;
}

int cli_add_param(cli_params *p, const char *option, char *value) {
    char *eq = value ? strchr(value, '=') : NULL;
    if (!eq)
        return cli_usage("%s needs NAME=VALUE", option);
    if (p->count == CLI_MAX_PARAMS)
        return cli_usage("too many parameters%s", "");
    *eq = '\0';
    p->pair[p->count][0] = value;
    p->pair[p->count++][1] = eq + 1;
    return -1;
}

ex_module *cli_open_module(const char *scenario, const cli_params *p) {
    char err[512];
    ex_module *m = ex_module_open(scenario, err, sizeof err);
    for (int i = 0; m && i < p->count; i++) {
        if (!ex_module_set_param(m, p->pair[i][0], p->pair[i][1], err, sizeof err)) {
            ex_module_close(m);
            m = NULL;
        }
    }
    if (!m)
        fprintf(stderr, "explorer: %s\n", err);
    return m;
}
