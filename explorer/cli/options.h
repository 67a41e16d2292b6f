/* The command line of every `explorer` command: the commands and the one table of options
 * they accept (option_table.c), what a parsed command line holds (options.c parses it with
 * getopt_long), the combinations refused (conflicts.c), the help texts (help.c), the one
 * wording of each usage error (errors.c) and opening the scenario it names (module.c). */
#ifndef EXPLORER_CLI_OPTIONS_H
#define EXPLORER_CLI_OPTIONS_H

#include "explorer/explorer.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum cli_command {
    CLI_LIST,
    CLI_RUN,
    CLI_REPLAY,
    CLI_GRAPH,
    CLI_COMMAND_COUNT
} cli_command;

/* A command: its name, its usage line, and the text around its options in its help. */
typedef struct cli_command_info {
    const char *name;
    const char *synopsis; /* after "explorer " */
    const char *summary;  /* one line, for `explorer --help` */
    int operands;         /* how many it takes: SCENARIO, then SCHEDULE */
    const char *intro;    /* the help before the options */
    const char *outro;    /* ... and after them */
} cli_command_info;

extern const cli_command_info cli_commands[CLI_COMMAND_COUNT];

typedef enum cli_option_id {
    OPT_PARAM,
    OPT_OUTPUT,
    OPT_FORMAT,
    OPT_SCHEDULE,
    OPT_ONLY_VIOLATIONS,
    OPT_COLLAPSE,
    OPT_MAX_NODES,
    OPT_STRATEGY,
    OPT_PREEMPTIONS,
    OPT_STATEFUL,
    OPT_MIN_PREEMPTIONS,
    OPT_SEED,
    OPT_RUNS,
    OPT_PCT_DEPTH,
    OPT_MAX_EXECUTIONS,
    OPT_MAX_STEPS,
    OPT_TIME_LIMIT,
    OPT_STOP_ON_FIRST,
    OPT_NO_RACES,
    OPT_NO_CHECKPOINTS,
    OPT_TIMING_AGNOSTIC,
    OPT_STACK_SIZE,
    OPT_COLUMNS,
    OPT_JSON,
    OPT_HELP,
    OPT_COUNT
} cli_option_id;

/* What an option's value must be. */
typedef enum cli_value_kind {
    VALUE_NONE,    /* a flag */
    VALUE_COUNT,   /* a whole number from `min` to `max`: digits only */
    VALUE_SECONDS, /* a finite number >= 0 */
    VALUE_CHOICE,  /* one of `choices` (its index is the value) */
    VALUE_TEXT,    /* any text */
    VALUE_PARAM    /* NAME=VALUE */
} cli_value_kind;

#define CLI_MAX_CHOICES 4
#define CLI_MAX_OPTION_ROWS 64

/* One row of the table: an option as the commands in `commands` accept it. An option may
 * have a row per group of commands that describe it differently (--strategy). */
typedef struct cli_option {
    cli_option_id id;
    const char *name;  /* the long name, without "--" */
    char letter;       /* the short name, or 0 */
    unsigned commands; /* CLI_IN(CLI_RUN) | ... */
    cli_value_kind kind;
    const char *metavar; /* the value in the help: "N", "SECONDS", ... */
    const char *expects; /* the value in errors: "a whole number"; for a choice, generated */
    uint64_t min, max;   /* VALUE_COUNT */
    const char *choices[CLI_MAX_CHOICES]; /* VALUE_CHOICE: by value; NULL where none */
    const char *help;                     /* its lines in the help, '\n' between them */
} cli_option;

#define CLI_IN(command) (1u << (command))

extern const cli_option cli_options[]; /* at most CLI_MAX_OPTION_ROWS */
extern const size_t cli_option_count;

#define CLI_MAX_PARAMS 64

typedef struct cli_args {
    cli_command command;
    const char *scenario;
    const char *schedule;                /* replay */
    const char *output;                  /* graph: -o */
    const char *format;                  /* graph: --format, or NULL */
    const char *pair[CLI_MAX_PARAMS][2]; /* -p NAME=VALUE, split */
    int params;
    ex_options options;
    ex_graph_options graph;
    bool json, columns, min_preemptions;
    bool given[OPT_COUNT]; /* the options the command line named */
} cli_args;

/* Parses argv[1..] (argv[0] is the command's name) into `a`, with the command's defaults.
 * -1 when the command should run, else the exit status to end with (0 after --help). */
int cli_parse(cli_command c, int argc, char **argv, cli_args *a);
/* The combinations of options that contradict each other: -1 if none, else (after the
 * error) CLI_EXIT_USAGE. */
int cli_check_conflicts(const cli_args *a);

/* The row of option `id` that command `c` accepts, or NULL. */
const cli_option *cli_option_for(cli_option_id id, cli_command c);
/* "dpor, dfs, random or pct": the choices whose bit is in `mask`, into `buf`. */
const char *cli_choices_text(const cli_option *o, unsigned mask, char *buf, size_t len);

/* Prints "explorer: " + the message on stderr; returns CLI_EXIT_USAGE. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "explorer: --NAME: expected WHAT, got 'VALUE'" (or "got nothing" for NULL). */
int cli_bad_value(const cli_option *o, const char *got);

void cli_print_usage(FILE *out);
void cli_print_help(cli_command c, FILE *out);

/* The scenario the command line names, with every -p applied; NULL after printing why. */
ex_module *cli_open_module(const cli_args *a);

#endif
