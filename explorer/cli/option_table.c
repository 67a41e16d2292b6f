/* The one table of the commands and of the options they accept: names, values, limits and
 * help texts. Parsing (options.c), the help (help.c) and the errors all read it. */
#include "options.h"

#define RUN CLI_IN(CLI_RUN)
#define REPLAY CLI_IN(CLI_REPLAY)
#define GRAPH CLI_IN(CLI_GRAPH)
#define EVERY (CLI_IN(CLI_LIST) | RUN | REPLAY | GRAPH)

/* clang-format off */
const cli_command_info cli_commands[CLI_COMMAND_COUNT] = {
    [CLI_LIST] = {
        .name = "list",
        .operands = 0,
        .synopsis = "list",
        .summary = "the scenarios, with the tutorial program each comes from",
        .intro =
            "Lists the scenario modules it finds, sorted by name, each with its summary and its\n"
            "parameters (-p NAME=DEFAULT and what it sets).\n",
        .outro =
            "Scenario modules are found in $EXPLORER_SCENARIO_PATH, then in the build's scenarios/.\n",
    },
    [CLI_RUN] = {
        .name = "run",
        .operands = 1,
        .synopsis = "run SCENARIO [OPTIONS]",
        .summary = "explore every interleaving; print outcomes and verdict",
        .intro =
            "Explores the interleavings of SCENARIO and prints each distinct outcome (printed output\n"
            "and status) with how many executions reached it and a witness schedule, then the\n"
            "verdict. By default with partial-order reduction (dpor): one execution per class of\n"
            "interleavings that only reorder independent steps.\n",
        .outro =
            "Statuses: ok, check failed, deadlock, misuse, crash (violations); step limit,\n"
            "runaway and unsupported (an execution cut short: the search is then incomplete).\n"
            "Exit status: 0 proved, 1 violation found, 3 no violation but incomplete, 2 usage.\n",
    },
    [CLI_REPLAY] = {
        .name = "replay",
        .operands = 2,
        .synopsis = "replay SCENARIO SCHEDULE [OPTIONS]",
        .summary = "run the one execution a schedule describes",
        .intro =
            "Runs exactly the execution SCHEDULE describes (as printed by `explorer run`, e.g.\n"
            "v1.3fa2:0x3,1x4,2x4,0x3) and prints its trace -- one line per step: thread,\n"
            "operation, variable and value, file:line -- then its output, status and diagnosis\n"
            "(data races, lost updates). Give the same -p values the schedule was found with.\n",
        .outro =
            "Exit status: 0 ok, 1 a violation, 3 cut short, 2 usage or a schedule that does not\n"
            "fit the scenario.\n",
    },
    [CLI_GRAPH] = {
        .name = "graph",
        .operands = 1,
        .synopsis = "graph SCENARIO -o FILE [OPTIONS]",
        .summary = "draw its interleaving graph (dot, svg, png, pdf)",
        .intro =
            "Draws the interleaving graph of SCENARIO: each node is a state (a prefix of an\n"
            "execution, up to the order of independent steps), each edge one step, merged over\n"
            "every explored execution. Steps that commute form diamonds; final states show what\n"
            "was printed and are coloured by verdict (red: a violation). Graphviz builds and\n"
            "renders it in-process. How to read one: docs/graphs.md.\n",
        .outro =
            "Exit status: 0 written; 3 written, but the search stopped early (states may be\n"
            "missing); 2 usage error, a graph of more than --max-nodes states, or a failure.\n",
    },
};

const cli_option cli_options[] = {
    {.id = OPT_PARAM, .name = "param", .letter = 'p', .commands = RUN | REPLAY | GRAPH,
     .kind = VALUE_PARAM, .metavar = "NAME=VALUE", .expects = "NAME=VALUE",
     .help = "set a scenario parameter (see `explorer list`)"},
    {.id = OPT_OUTPUT, .name = "output", .letter = 'o', .commands = GRAPH,
     .kind = VALUE_TEXT, .metavar = "FILE", .expects = "a file name",
     .help = "where to write it ('-': standard output)"},
    {.id = OPT_FORMAT, .name = "format", .commands = GRAPH,
     .kind = VALUE_TEXT, .metavar = "F", .expects = "dot, svg, png or pdf",
     .help = "dot, svg, png or pdf (default: from FILE's extension:\n"
             ".dot or .gv, .svg, .png, .pdf)"},
    {.id = OPT_SCHEDULE, .name = "schedule", .commands = GRAPH,
     .kind = VALUE_TEXT, .metavar = "S", .expects = "a schedule",
     .help = "draw one execution's path in bold (a witness schedule\n"
             "from `explorer run`)"},
    {.id = OPT_ONLY_VIOLATIONS, .name = "only-violations", .commands = GRAPH,
     .help = "keep only the states from which a violation can be reached"},
    {.id = OPT_COLLAPSE, .name = "collapse", .commands = GRAPH,
     .help = "merge each state with exactly one step in and one step out,\n"
             "both by the same thread (not the start or a final state),\n"
             "into one edge listing the steps"},
    {.id = OPT_MAX_NODES, .name = "max-nodes", .commands = GRAPH,
     .kind = VALUE_COUNT, .metavar = "N", .expects = "a whole number", .max = UINT64_MAX,
     .help = "refuse a graph of more than N states (default 2000; 0: no\n"
             "limit)"},
    {.id = OPT_STRATEGY, .name = "strategy", .commands = RUN,
     .kind = VALUE_CHOICE, .metavar = "S",
     .choices = {[EX_STRATEGY_DPOR] = "dpor", [EX_STRATEGY_DFS] = "dfs",
                 [EX_STRATEGY_RANDOM] = "random", [EX_STRATEGY_PCT] = "pct"},
     .help = "dpor (default): exhaustive, one execution per class of\n"
             "equivalent interleavings; dfs: every schedule, no\n"
             "reduction; random, pct: --runs seeded samples (not\n"
             "exhaustive; pct aims at bugs of depth --pct-depth, 3)"},
    {.id = OPT_STRATEGY, .name = "strategy", .commands = GRAPH,
     .kind = VALUE_CHOICE, .metavar = "S",
     .choices = {[EX_STRATEGY_DPOR] = "dpor", [EX_STRATEGY_DFS] = "dfs"},
     .help = "dpor (default) or dfs: the same graph, dpor finds it faster"},
    {.id = OPT_PREEMPTIONS, .name = "preemptions", .commands = RUN,
     .kind = VALUE_COUNT, .metavar = "K", .expects = "a whole number from 0 to 1000",
     .max = 1000,
     .help = "only schedules with at most K preemptions (a switch away\n"
             "from a thread that could go on), searched with dfs"},
    {.id = OPT_STATEFUL, .name = "stateful", .commands = RUN,
     .help = "merge states seen before (the same outcomes; no race\n"
             "detection); with --preemptions, solo runs are summarised\n"
             "too: it proves bounds at the tutorial's scale"},
    {.id = OPT_MIN_PREEMPTIONS, .name = "min-preemptions", .commands = RUN,
     .help = "the fewest preemptions that expose a violation (bounds\n"
             "0..6), with a witness, and whether fewer are excluded"},
    {.id = OPT_SEED, .name = "seed", .commands = RUN,
     .kind = VALUE_COUNT, .metavar = "N", .expects = "a whole number", .max = UINT64_MAX,
     .help = "random and pct: the seed of the sample (default 1)"},
    {.id = OPT_RUNS, .name = "runs", .commands = RUN,
     .kind = VALUE_COUNT, .metavar = "N", .expects = "a whole number above 0", .min = 1,
     .max = UINT64_MAX,
     .help = "random and pct: the executions to sample (default 1000)"},
    {.id = OPT_PCT_DEPTH, .name = "pct-depth", .commands = RUN,
     .kind = VALUE_COUNT, .metavar = "D", .expects = "a whole number from 1 to 16", .min = 1,
     .max = 16,
     .help = "pct: 1 + the number of priority changes (default 3)"},
    {.id = OPT_MAX_EXECUTIONS, .name = "max-executions", .commands = RUN,
     .kind = VALUE_COUNT, .metavar = "N", .expects = "a whole number", .max = UINT64_MAX,
     .help = "stop after N executions (default: no limit)"},
    {.id = OPT_MAX_STEPS, .name = "max-steps", .commands = RUN | REPLAY | GRAPH,
     .kind = VALUE_COUNT, .metavar = "N", .expects = "a whole number", .max = UINT64_MAX,
     .help = "cut an execution after N steps (default 10000000)"},
    {.id = OPT_TIME_LIMIT, .name = "time-limit", .commands = RUN | GRAPH,
     .kind = VALUE_SECONDS, .metavar = "SECONDS", .expects = "a number of seconds",
     .help = "stop the search after this long (default 10; 0: none)"},
    {.id = OPT_STOP_ON_FIRST, .name = "stop-on-first", .commands = RUN,
     .help = "stop at the first violation"},
    {.id = OPT_NO_RACES, .name = "no-races", .commands = RUN,
     .help = "skip data-race detection (it costs time on long runs)"},
    {.id = OPT_NO_CHECKPOINTS, .name = "no-checkpoints", .commands = RUN,
     .help = "replay each execution from the start (slower, same results)"},
    {.id = OPT_TIMING_AGNOSTIC, .name = "timing-agnostic", .commands = RUN | REPLAY | GRAPH,
     .help = "sleeps order nothing: a timeout may fire at any step"},
    {.id = OPT_STACK_SIZE, .name = "stack-size", .commands = RUN | REPLAY | GRAPH,
     .kind = VALUE_COUNT, .metavar = "KIB", .expects = "a size in KiB from 16 to 65536",
     .min = 16, .max = 65536,
     .help = "stack of each scenario thread (default 256)"},
    {.id = OPT_COLUMNS, .name = "columns", .commands = REPLAY,
     .help = "one column per thread: the interleaving reads left to right"},
    {.id = OPT_JSON, .name = "json", .commands = RUN | REPLAY,
     .help = "one JSON document instead of the text"},
    {.id = OPT_HELP, .name = "help", .letter = 'h', .commands = EVERY,
     .help = "this text"},
};
/* clang-format on */

const size_t cli_option_count = sizeof cli_options / sizeof *cli_options;
_Static_assert(sizeof cli_options / sizeof *cli_options <= CLI_MAX_OPTION_ROWS,
               "options.c builds getopt_long's table in an array of CLI_MAX_OPTION_ROWS");

const cli_option *cli_option_for(cli_option_id id, cli_command c) {
    for (size_t i = 0; i < cli_option_count; i++)
        if (cli_options[i].id == id && cli_options[i].commands & CLI_IN(c))
            return &cli_options[i];
    return NULL;
}
