/* What the `explorer` commands share on their command lines: one-line usage errors,
 * numbers, -p NAME=VALUE settings, and opening a scenario with them. */
#ifndef EXPLORER_CLI_ARGS_H
#define EXPLORER_CLI_ARGS_H

#include "explorer/explorer.h"

#include <stdbool.h>
#include <stdint.h>

#define EXIT_USAGE 2
#define CLI_MAX_PARAMS 64

typedef struct cli_params {
    const char *pair[CLI_MAX_PARAMS][2]; /* NAME, VALUE */
    int count;
} cli_params;

/* Prints "explorer: " + fmt (with `what`) on stderr; returns EXIT_USAGE. */
int cli_usage(const char *fmt, const char *what);
/* A whole number (no sign); false for NULL or anything else. */
bool cli_parse_count(const char *s, uint64_t *out);
/* Seconds, a number >= 0; false for NULL or anything else. */
bool cli_parse_seconds(const char *s, double *out);
/* -p NAME=VALUE: `value` is split in place. -1 when fine, else an exit status. */
int cli_add_param(cli_params *p, const char *option, char *value);
/* The scenario with every -p applied, or NULL after printing why. */
ex_module *cli_open_module(const char *scenario, const cli_params *p);

#endif
