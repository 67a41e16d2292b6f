/* The `explorer` command: list scenarios, explore one (`run`), replay a schedule. Parses
 * the command line; the work is libexplorer's, the printing report.c's. */
#include "args.h"
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_MIN_BOUND 6 /* --min-preemptions tries bounds 0..6 */

static const char usage_main[] =
    "usage: explorer COMMAND [ARGS]\n"
    "\n"
    "Runs a small concurrent C program (a scenario) under every interleaving of its threads\n"
    "and reports every outcome.\n"
    "\n"
    "commands:\n"
    "  list                          the scenarios, with the tutorial program each comes from\n"
    "  run SCENARIO [OPTIONS]        explore every interleaving; print outcomes and verdict\n"
    "  replay SCENARIO SCHEDULE      run the one execution a schedule describes\n"
    "  graph SCENARIO -o FILE        draw its interleaving graph (dot, svg, png, pdf)\n"
    "  help [COMMAND]                this text, or a command's\n"
    "\n"
    "Exit status: 0 proved (complete search, no violation), 1 violation found,\n"
    "3 no violation but the search was cut short (not a proof), 2 usage error.\n"
    "Scenario modules are found in $EXPLORER_SCENARIO_PATH, then in the build's scenarios/.\n";

static const char usage_run[] =
    "usage: explorer run SCENARIO [OPTIONS]\n"
    "\n"
    "Explores the interleavings of SCENARIO and prints each distinct outcome (printed output\n"
    "and status) with how many executions reached it and a witness schedule, then the\n"
    "verdict. By default with partial-order reduction (dpor): one execution per class of\n"
    "interleavings that only reorder independent steps.\n"
    "\n"
    "options:\n"
    "  -p, --param NAME=VALUE   set a scenario parameter (see `explorer list`)\n"
    "  --strategy S             dpor (default): exhaustive, one execution per class of\n"
    "                           equivalent interleavings; dfs: every schedule, no\n"
    "                           reduction; random, pct: --runs seeded samples (not\n"
    "                           exhaustive; pct aims at bugs of depth --pct-depth, 3)\n"
    "  --preemptions K          only schedules with at most K preemptions (a switch away\n"
    "                           from a thread that could go on), searched with dfs\n"
    "  --stateful               merge states seen before (the same outcomes; no race\n"
    "                           detection); with --preemptions, solo runs are summarised\n"
    "                           too: it proves bounds at the tutorial's scale\n"
    "  --min-preemptions        the fewest preemptions that expose a violation (bounds\n"
    "                           0..6), with a witness, and whether fewer are excluded\n"
    "  --seed N, --runs N       sampling: seed (default 1) and executions (default 1000)\n"
    "  --pct-depth D            pct: 1 + the number of priority changes (default 3)\n"
    "  --max-executions N       stop after N executions (default: no limit)\n"
    "  --max-steps N            cut an execution after N steps (default 10000000)\n"
    "  --time-limit SECONDS     stop the search after this long (default 10; 0: none)\n"
    "  --stop-on-first          stop at the first violation\n"
    "  --no-races               skip data-race detection (it costs time on long runs)\n"
    "  --no-checkpoints         replay each execution from the start (slower, same results)\n"
    "  --timing-agnostic        sleeps order nothing: a timeout may fire at any step\n"
    "  --stack-size KIB         stack of each scenario thread (default 256)\n"
    "  --json                   one JSON document instead of the summary\n"
    "\n"
    "Statuses: ok, check failed, deadlock, misuse, crash (violations); step limit,\n"
    "runaway and unsupported (an execution cut short: the search is then incomplete).\n"
    "Exit status: 0 proved, 1 violation found, 3 no violation but incomplete, 2 usage.\n";

static const char usage_replay[] =
    "usage: explorer replay SCENARIO SCHEDULE [-p NAME=VALUE]... [--columns] [--json]\n"
    "\n"
    "Runs exactly the execution SCHEDULE describes (as printed by `explorer run`, e.g.\n"
    "v1:0x3,1x4,2x4,0x3) and prints its trace -- one line per step: thread, operation,\n"
    "variable and value, file:line -- then its output, status and diagnosis (lost\n"
    "updates). Give the same -p values the schedule was found with.\n"
    "  --columns   one column per thread: the interleaving reads left to right\n"
    "  --json      one JSON document: output, status, steps, diagnoses\n"
    "Exit status: 0 ok, 1 a violation, 3 cut short, 2 usage or a schedule that does not\n"
    "fit the scenario.\n";

typedef struct cli {
    const char *scenario;
    const char *schedule;
    cli_params params;
    ex_options options;
    bool json;
    bool min_preemptions;
    bool columns;
} cli;

/* Parses the options after the command; returns -1 when fine, else an exit status. */
static int parse_options(cli *c, int argc, char **argv, int first, bool replay) {
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        uint64_t n;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(replay ? usage_replay : usage_run, stdout);
            return 0;
        } else if (!strcmp(a, "--json")) {
            c->json = true;
        } else if (replay && !strcmp(a, "--columns")) {
            c->columns = true;
        } else if (!strcmp(a, "-p") || !strcmp(a, "--param")) {
            int status = cli_add_param(&c->params, a, value ? argv[++i] : NULL);
            if (status >= 0)
                return status;
        } else if (!replay && !strcmp(a, "--strategy")) {
            static const char *const names[] = {"dpor", "dfs", "random", "pct"};
            int k = 0;
            while (k < 4 && (!value || strcmp(value, names[k])))
                k++;
            if (k == 4)
                return cli_usage("--strategy is dpor, dfs, random or pct, not '%s'",
                                 value ? value : "");
            c->options.strategy = (ex_strategy_kind)k;
            i++;
        } else if (!replay && !strcmp(a, "--preemptions")) {
            if (!value || !cli_parse_count(argv[++i], &n) || n > 1000)
                return cli_usage("--preemptions needs a whole number up to 1000, not '%s'",
                                 value ? value : "");
            c->options.preemption_bound = (int)n;
        } else if (!replay && !strcmp(a, "--min-preemptions")) {
            c->min_preemptions = true;
        } else if (!replay && !strcmp(a, "--seed")) {
            if (!value || !cli_parse_count(argv[++i], &c->options.seed))
                return cli_usage("--seed needs a whole number, not '%s'", value ? value : "");
        } else if (!replay && !strcmp(a, "--runs")) {
            if (!value || !cli_parse_count(argv[++i], &c->options.runs) || !c->options.runs)
                return cli_usage("--runs needs a whole number above 0, not '%s'",
                                 value ? value : "");
        } else if (!replay && !strcmp(a, "--pct-depth")) {
            if (!value || !cli_parse_count(argv[++i], &n) || n < 1 || n > 16)
                return cli_usage("--pct-depth needs a number from 1 to 16, not '%s'",
                                 value ? value : "");
            c->options.pct_depth = (int)n;
        } else if (!replay && !strcmp(a, "--no-races")) {
            c->options.detect_races = false;
        } else if (!replay && !strcmp(a, "--stateful")) {
            c->options.stateful = true;
        } else if (!replay && !strcmp(a, "--no-checkpoints")) {
            c->options.no_checkpoints = true;
        } else if (!replay && !strcmp(a, "--stop-on-first")) {
            c->options.stop_on_first = true;
        } else if (!strcmp(a, "--timing-agnostic")) {
            c->options.timing_agnostic = true;
        } else if (!replay && !strcmp(a, "--max-executions")) {
            if (!value || !cli_parse_count(argv[++i], &c->options.max_executions))
                return cli_usage("--max-executions needs a whole number, not '%s'",
                                 value ? value : "");
        } else if (!strcmp(a, "--max-steps")) {
            if (!value || !cli_parse_count(argv[++i], &c->options.max_steps))
                return cli_usage("--max-steps needs a whole number, not '%s'", value ? value : "");
        } else if (!replay && !strcmp(a, "--time-limit")) {
            if (!value || !cli_parse_seconds(argv[++i], &c->options.time_limit))
                return cli_usage("--time-limit needs seconds (a number >= 0), not '%s'",
                                 value ? value : "");
        } else if (!strcmp(a, "--stack-size")) {
            if (!value || !cli_parse_count(argv[++i], &n) || n < 16 || n > 65536)
                return cli_usage("--stack-size needs KiB between 16 and 65536, not '%s'",
                                 value ? value : "");
            c->options.stack_size = (size_t)n * 1024;
        } else if (a[0] == '-') {
            return cli_usage(replay ? "unknown option '%s' (see explorer replay --help)"
                                    : "unknown option '%s' (see explorer run --help)",
                             a);
        } else if (!c->scenario) {
            c->scenario = a;
        } else if (replay && !c->schedule) {
            c->schedule = a;
        } else {
            return cli_usage("unexpected argument '%s'", a);
        }
    }
    if (!c->scenario)
        return cli_usage(
            "%s", replay ? "replay needs a SCENARIO and a SCHEDULE (see explorer replay --help)"
                         : "run needs a SCENARIO (see explorer list)");
    if (replay && !c->schedule)
        return cli_usage("%s", "replay needs a SCHEDULE after the scenario");
    if (c->options.stateful)
        c->options.detect_races = false; /* it runs no execution whole: nothing to check */
    return -1;
}

/* The first violation's witness, replayed with its trace: the diagnosis of what went
 * wrong. NULL if there is none. */
static ex_result *replay_first_violation(ex_module *m, const ex_result *r, const ex_options *o) {
    ex_options one = *o;
    one.detect_races = false; /* the search reported those already */
    for (size_t i = 0; i < r->outcome_count; i++)
        if (ex_status_is_violation(r->outcomes[i].status))
            return ex_replay(m, r->outcomes[i].schedule, &one);
    return NULL;
}

static int cmd_run(int argc, char **argv, bool replay) {
    cli c = {.options = ex_options_default()};
    c.options.progress = isatty(STDERR_FILENO);
    c.options.detect_races = true;
    int status = parse_options(&c, argc, argv, 2, replay);
    if (status >= 0)
        return status;
    ex_module *m = cli_open_module(c.scenario, &c.params);
    if (!m)
        return EXIT_USAGE;
    ex_result *r = replay              ? ex_replay(m, c.schedule, &c.options)
                   : c.min_preemptions ? ex_explore_min_preemptions(m, &c.options, MAX_MIN_BOUND)
                                       : ex_explore(m, &c.options);
    if (r->error) {
        fprintf(stderr, "explorer: %s\n", r->error);
        status = EXIT_USAGE;
    } else if (replay) {
        (c.json ? report_replay_json(stdout, m, r) : report_replay_text(stdout, r, c.columns));
        status = report_replay_exit_code(r);
    } else {
        ex_result *witness = replay_first_violation(m, r, &c.options);
        (c.json ? report_run_json(stdout, m, r, witness)
                : report_run_text(stdout, m, r, &c.options, witness));
        ex_result_free(witness);
        status = report_exit_code(r);
    }
    ex_result_free(r);
    ex_module_close(m);
    return status;
}

static void list_one(const char *name, const char *summary, const char *path, void *user) {
    (void)user;
    char err[256];
    printf("%-26s %s\n", name, summary);
    ex_module *m = ex_module_open(path, err, sizeof err);
    if (!m)
        return;
    for (size_t i = 0; i < ex_module_param_count(m); i++) {
        const char *help;
        long def;
        const char *p = ex_module_param(m, i, &help, &def, NULL);
        printf("%-26s   -p %s=%ld  %s\n", "", p, def, help);
    }
    ex_module_close(m);
}

int main(int argc, char **argv) {
    const char *cmd = argc > 1 ? argv[1] : NULL;
    if (!cmd || !strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        const char *topic = cmd && argc > 2 ? argv[2] : "";
        fputs(!strcmp(topic, "run")      ? usage_run
              : !strcmp(topic, "replay") ? usage_replay
                                         : usage_main,
              cmd ? stdout : stderr);
        return cmd ? 0 : EXIT_USAGE;
    }
    if (!strcmp(cmd, "list")) {
        if (ex_scenarios_each(list_one, NULL) == 0) {
            fprintf(stderr, "explorer: no scenario modules found (set EXPLORER_SCENARIO_PATH)\n");
            return EXIT_USAGE;
        }
        return 0;
    }
    if (!strcmp(cmd, "run"))
        return cmd_run(argc, argv, false);
    if (!strcmp(cmd, "replay"))
        return cmd_run(argc, argv, true);
    int cmd_graph(int argc, char **argv); /* graph_cmd.c */
    if (!strcmp(cmd, "graph"))
        return cmd_graph(argc, argv);
    return cli_usage("unknown command '%s' (see explorer --help)", cmd);
}
