/* Parsing a command line against the option table with getopt_long: GNU forms (--name=VALUE,
 * -pNAME=VALUE, "--" ending the options, options before or after the operands) and strict
 * values; what it refuses, it says in errors.c's words. */
#include "options.h"

#include "exit_codes.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- values -------------------------------------------------------------------------- */

/* Digits only: no sign, no space, no base prefix. */
static bool parse_count(const char *s, uint64_t *out) {
    if (!*s || strspn(s, "0123456789") != strlen(s))
        return false;
    errno = 0;
    *out = strtoull(s, NULL, 10);
    return !errno;
}

/* A finite number >= 0 in decimal: "2", "0.5", "1e3"; not " 2", "+2", "nan", "inf", "0x2". */
static bool parse_seconds(const char *s, double *out) {
    if (!(isdigit((unsigned char)s[0]) || s[0] == '.') || strspn(s, "0123456789.eE+-") != strlen(s))
        return false;
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    return !errno && !*end && isfinite(*out);
}

typedef union cli_value {
    uint64_t count;
    double seconds;
    int choice;
    char *text;
} cli_value;

/* The value of `o` in `arg`; false (after the error) when it is not one. */
static bool read_value(const cli_option *o, char *arg, cli_value *v) {
    bool ok = true;
    switch (o->kind) {
    case VALUE_NONE:
        break;
    case VALUE_COUNT:
        ok = parse_count(arg, &v->count) && v->count >= o->min && v->count <= o->max;
        break;
    case VALUE_SECONDS:
        ok = parse_seconds(arg, &v->seconds);
        break;
    case VALUE_CHOICE:
        for (v->choice = CLI_MAX_CHOICES - 1; v->choice >= 0; v->choice--)
            if (o->choices[v->choice] && !strcmp(arg, o->choices[v->choice]))
                break;
        ok = v->choice >= 0;
        break;
    case VALUE_PARAM:
        ok = strchr(arg, '=') != NULL;
        /* fall through */
    case VALUE_TEXT:
        v->text = arg;
        break;
    }
    if (!ok)
        cli_bad_value(o, arg);
    return ok;
}

/* -p NAME=VALUE, split in place */
static int add_param(cli_args *a, char *pair) {
    if (a->params == CLI_MAX_PARAMS)
        return cli_error("--param: at most %d parameters", CLI_MAX_PARAMS);
    char *eq = strchr(pair, '=');
    *eq = '\0';
    a->pair[a->params][0] = pair;
    a->pair[a->params++][1] = eq + 1;
    return -1;
}

/* The field a flag turns on; NULL for those read from `given` (--no-races, --help). */
static bool *flag_field(cli_args *a, cli_option_id id) {
    switch (id) {
    case OPT_ONLY_VIOLATIONS:
        return &a->graph.only_violations;
    case OPT_COLLAPSE:
        return &a->graph.collapse;
    case OPT_STATEFUL:
        return &a->options.stateful;
    case OPT_MIN_PREEMPTIONS:
        return &a->min_preemptions;
    case OPT_STOP_ON_FIRST:
        return &a->options.stop_on_first;
    case OPT_NO_CHECKPOINTS:
        return &a->options.no_checkpoints;
    case OPT_TIMING_AGNOSTIC:
        return &a->options.timing_agnostic;
    case OPT_COLUMNS:
        return &a->columns;
    case OPT_JSON:
        return &a->json;
    default:
        return NULL;
    }
}

static void set_value(cli_args *a, cli_option_id id, cli_value v) {
    ex_options *x = &a->options;
    switch (id) {
    case OPT_OUTPUT:
        a->output = v.text;
        break;
    case OPT_FORMAT:
        a->format = v.text;
        break;
    case OPT_SCHEDULE:
        a->graph.schedule = v.text;
        break;
    case OPT_MAX_NODES:
        a->graph.max_nodes = (size_t)v.count;
        break;
    case OPT_STRATEGY:
        x->strategy = (ex_strategy_kind)v.choice;
        break;
    case OPT_PREEMPTIONS:
        x->preemption_bound = (int)v.count;
        break;
    case OPT_SEED:
        x->seed = v.count;
        break;
    case OPT_RUNS:
        x->runs = v.count;
        break;
    case OPT_PCT_DEPTH:
        x->pct_depth = (int)v.count;
        break;
    case OPT_MAX_EXECUTIONS:
        x->max_executions = v.count;
        break;
    case OPT_MAX_STEPS:
        x->max_steps = v.count;
        break;
    case OPT_TIME_LIMIT:
        x->time_limit = v.seconds;
        break;
    case OPT_STACK_SIZE:
        x->stack_size = (size_t)v.count * 1024;
        break;
    default:
        break;
    }
}

/* Option `o` with its value `arg`: -1 when fine, else the exit status to end with. */
static int take(cli_args *a, const cli_option *o, char *arg) {
    cli_value v;
    if (!read_value(o, arg, &v))
        return CLI_EXIT_USAGE;
    a->given[o->id] = true;
    if (o->id == OPT_HELP) {
        cli_print_help(a->command, stdout);
        return CLI_EXIT_OK;
    }
    if (o->id == OPT_PARAM)
        return add_param(a, v.text);
    if (o->kind != VALUE_NONE)
        set_value(a, o->id, v);
    else if (flag_field(a, o->id))
        *flag_field(a, o->id) = true;
    return -1;
}

/* ---- getopt_long --------------------------------------------------------------------- */

/* getopt_long's key for a row: its letter, else a number past every character */
static int key_of(size_t row) {
    return cli_options[row].letter ? cli_options[row].letter : 256 + (int)row;
}

static const cli_option *row_of_key(cli_command c, int key) {
    for (size_t i = 0; i < cli_option_count; i++)
        if (key_of(i) == key && cli_options[i].commands & CLI_IN(c))
            return &cli_options[i];
    return NULL;
}

typedef struct getopt_table {
    struct option longs[CLI_MAX_OPTION_ROWS + 1];
    char shorts[2 * CLI_MAX_OPTION_ROWS + 3];
} getopt_table;

/* "-" hands over the operands in order (never permuted, whatever POSIXLY_CORRECT says),
 * ":" reports a missing value apart from an unknown option. */
static void getopt_table_for(cli_command c, getopt_table *t) {
    size_t n = 0, k = 0;
    t->shorts[k++] = '-';
    t->shorts[k++] = ':';
    for (size_t i = 0; i < cli_option_count; i++) {
        const cli_option *o = &cli_options[i];
        if (!(o->commands & CLI_IN(c)))
            continue;
        bool valued = o->kind != VALUE_NONE;
        t->longs[n++] =
            (struct option){o->name, valued ? required_argument : no_argument, NULL, key_of(i)};
        if (o->letter) {
            t->shorts[k++] = o->letter;
            if (valued)
                t->shorts[k++] = ':';
        }
    }
    t->longs[n] = (struct option){0};
    t->shorts[k] = '\0';
}

/* How many of command c's long options start with the `len` characters of `prefix`. */
static int options_starting(cli_command c, const char *prefix, size_t len) {
    int n = 0;
    for (size_t i = 0; i < cli_option_count; i++)
        n += cli_options[i].commands & CLI_IN(c) && !strncmp(cli_options[i].name, prefix, len);
    return n;
}

/* What getopt_long refused (key '?' or ':'): an unknown or ambiguous option, a value missing
 * or one given to an option that takes none. */
static int refused(cli_command c, int key, const char *arg) {
    const char *command = cli_commands[c].name;
    const cli_option *o = optopt ? row_of_key(c, optopt) : NULL;
    if (o && key == ':')
        return cli_bad_value(o, NULL);
    if (o) /* --json=1 */
        return cli_bad_value(o, strchr(arg, '=') ? strchr(arg, '=') + 1 : arg);
    if (optopt)
        return cli_error("unknown option '-%c' (see explorer %s --help)", optopt, command);
    size_t len = strcspn(arg, "=");
    if (!strncmp(arg, "--", 2) && options_starting(c, arg + 2, len - 2) > 1)
        return cli_error("ambiguous option '%.*s' (see explorer %s --help)", (int)len, arg,
                         command);
    return cli_error("unknown option '%.*s' (see explorer %s --help)", (int)len, arg, command);
}

/* SCENARIO, then SCHEDULE for replay */
static int operand(cli_args *a, char *arg) {
    int taken = (a->scenario != NULL) + (a->schedule != NULL);
    if (taken == cli_commands[a->command].operands)
        return cli_error("unexpected argument '%s'", arg);
    *(taken ? &a->schedule : &a->scenario) = arg;
    return -1;
}

static int check_operands(const cli_args *a) {
    const char *command = cli_commands[a->command].name;
    if (a->command != CLI_LIST && !a->scenario)
        return cli_error("%s needs a SCENARIO (see explorer list)", command);
    if (a->command == CLI_REPLAY && !a->schedule)
        return cli_error("replay needs a SCHEDULE after the scenario");
    if (a->command == CLI_GRAPH && !a->output)
        return cli_error("graph needs -o FILE (see explorer graph --help)");
    return -1;
}

static void set_defaults(cli_command c, cli_args *a) {
    *a = (cli_args){
        .command = c, .options = ex_options_default(), .graph = ex_graph_options_default()};
    a->options.progress = isatty(STDERR_FILENO);
    a->options.detect_races = c != CLI_GRAPH; /* run and replay report data races */
}

int cli_parse(cli_command c, int argc, char **argv, cli_args *a) {
    set_defaults(c, a);
    getopt_table t;
    getopt_table_for(c, &t);
    opterr = 0;
    optind = 0; /* (glibc: start afresh) */
    int key, status = -1;
    while (status < 0 && (key = getopt_long(argc, argv, t.shorts, t.longs, NULL)) != -1) {
        if (key == 1)
            status = operand(a, optarg);
        else if (key == '?' || key == ':')
            status = refused(c, key, argv[optind - 1]);
        else
            status = take(a, row_of_key(c, key), optarg);
    }
    while (status < 0 && optind < argc) /* after "--" */
        status = operand(a, argv[optind++]);
    if (status < 0)
        status = check_operands(a);
    if (status < 0)
        status = cli_check_conflicts(a);
    /* (the stateful search runs no execution whole: it has nothing to check for races) */
    if (a->given[OPT_NO_RACES] || a->options.stateful)
        a->options.detect_races = false;
    return status;
}
