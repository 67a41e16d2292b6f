/* The `explorer graph` command: its options, its help text, and the one line it prints;
 * the graph itself is libexplorer's (ex_graph_write, explorer/src/analysis/graph/). */
#include "args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXIT_PARTIAL 3

int cmd_graph(int argc, char **argv);

static const char usage_graph[] =
    "usage: explorer graph SCENARIO -o FILE [OPTIONS]\n"
    "\n"
    "Draws the interleaving graph of SCENARIO: each node is a state (a prefix of an\n"
    "execution, up to the order of independent steps), each edge one step, merged over\n"
    "every explored execution. Steps that commute form diamonds; final states show what\n"
    "was printed and are coloured by verdict (red: a violation). Graphviz builds and\n"
    "renders it in-process. How to read one: docs/graphs.md.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE        where to write it ('-': standard output)\n"
    "  --format F               dot, svg, png or pdf (default: from FILE's extension:\n"
    "                           .dot or .gv, .svg, .png, .pdf)\n"
    "  -p, --param NAME=VALUE   set a scenario parameter (see `explorer list`)\n"
    "  --schedule S             draw one execution's path in bold (a witness schedule\n"
    "                           from `explorer run`)\n"
    "  --only-violations        keep only the states from which a violation can be reached\n"
    "  --collapse               merge each state with exactly one step in and one step out,\n"
    "                           both by the same thread (not the start or a final state),\n"
    "                           into one edge listing the steps\n"
    "  --max-nodes N            refuse a graph of more than N states (default 2000; 0: no\n"
    "                           limit)\n"
    "  --strategy S             dpor (default) or dfs: the same graph, dpor finds it faster\n"
    "  --time-limit SECONDS     stop exploring after this long (default 10; 0: none)\n"
    "  --max-steps N            cut an execution after N steps (default 10000000)\n"
    "  --timing-agnostic        sleeps order nothing: a timeout may fire at any step\n"
    "  --stack-size KIB         stack of each scenario thread (default 256)\n"
    "\n"
    "Exit status: 0 written; 3 written, but the search stopped early (states may be\n"
    "missing); 2 usage error, a graph of more than --max-nodes states, or a failure.\n";

typedef struct graph_cli {
    const char *scenario, *output, *format;
    cli_params params;
    ex_options options;
    ex_graph_options graph;
} graph_cli;

/* dot, svg, png, pdf from a name or from a file's extension; -1 if neither */
static int format_of(const char *name, bool extension) {
    static const char *const names[] = {"dot", "svg", "png", "pdf", "gv"};
    if (extension) {
        const char *dot = strrchr(name, '.');
        if (!dot || strchr(dot, '/'))
            return -1;
        name = dot + 1;
    }
    for (int i = 0; i < 5; i++)
        if (!strcasecmp(name, names[i]))
            return i == 4 ? EX_GRAPH_DOT : i;
    return -1;
}

/* The options that take a value; -1 when fine, else an exit status. */
static int parse_valued(graph_cli *c, const char *a, char *value) {
    uint64_t n;
    if (!strcmp(a, "-p") || !strcmp(a, "--param"))
        return cli_add_param(&c->params, a, value);
    if (!strcmp(a, "-o") || !strcmp(a, "--output"))
        c->output = value;
    else if (!strcmp(a, "--format"))
        c->format = value;
    else if (!strcmp(a, "--schedule"))
        c->graph.schedule = value;
    else if (!strcmp(a, "--max-nodes") && cli_parse_count(value, &n))
        c->graph.max_nodes = (size_t)n;
    else if (!strcmp(a, "--strategy") && value && (!strcmp(value, "dpor") || !strcmp(value, "dfs")))
        c->options.strategy = !strcmp(value, "dfs") ? EX_STRATEGY_DFS : EX_STRATEGY_DPOR;
    else if (!strcmp(a, "--time-limit") && cli_parse_seconds(value, &c->options.time_limit))
        ;
    else if (!strcmp(a, "--max-steps") && cli_parse_count(value, &c->options.max_steps))
        ;
    else if (!strcmp(a, "--stack-size") && cli_parse_count(value, &n) && n >= 16 && n <= 65536)
        c->options.stack_size = (size_t)n * 1024;
    else
        return cli_usage("%s needs a valid value (see explorer graph --help)", a);
    return value ? -1 : cli_usage("%s needs a value", a);
}

static bool takes_value(const char *a) {
    static const char *const valued[] = {"-p",           "--param",     "-o",          "--output",
                                         "--format",     "--schedule",  "--max-nodes", "--strategy",
                                         "--time-limit", "--max-steps", "--stack-size"};
    for (size_t i = 0; i < sizeof valued / sizeof *valued; i++)
        if (!strcmp(a, valued[i]))
            return true;
    return false;
}

/* -1 when the command line is fine, else an exit status. */
static int parse_graph_options(graph_cli *c, int argc, char **argv) {
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage_graph, stdout);
            return 0;
        } else if (takes_value(a)) {
            int status = parse_valued(c, a, i + 1 < argc ? argv[++i] : NULL);
            if (status >= 0)
                return status;
        } else if (!strcmp(a, "--only-violations")) {
            c->graph.only_violations = true;
        } else if (!strcmp(a, "--collapse")) {
            c->graph.collapse = true;
        } else if (!strcmp(a, "--timing-agnostic")) {
            c->options.timing_agnostic = true;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage("unknown option '%s' (see explorer graph --help)", a);
        } else if (!c->scenario) {
            c->scenario = a;
        } else {
            return cli_usage("unexpected argument '%s'", a);
        }
    }
    if (!c->scenario)
        return cli_usage("%s", "graph needs a SCENARIO (see explorer list)");
    if (!c->output)
        return cli_usage("%s", "graph needs -o FILE (see explorer graph --help)");
    return -1;
}

static int choose_format(graph_cli *c) {
    int f = c->format ? format_of(c->format, false) : format_of(c->output, true);
    if (f < 0 && c->format)
        return cli_usage("--format is dot, svg, png or pdf, not '%s'", c->format);
    if (f < 0)
        return cli_usage("cannot tell the format from '%s': name it .dot, .svg, .png or .pdf, or "
                         "give --format",
                         c->output);
    c->graph.format = (ex_graph_format)f;
    return -1;
}

static void print_summary(FILE *out, const graph_cli *c, const ex_graph_info *info) {
    fprintf(out, "wrote %s: %zu states, %zu steps, %zu final (%zu violations)",
            strcmp(c->output, "-") ? c->output : "the graph", info->states, info->steps,
            info->finals, info->violations);
    if (info->nodes != info->states || info->edges != info->steps)
        fprintf(out, "; drawn: %zu nodes, %zu edges", info->nodes, info->edges);
    fprintf(out, "; %llu executions explored\n", (unsigned long long)info->executions);
}

int cmd_graph(int argc, char **argv) {
    graph_cli c = {.options = ex_options_default(), .graph = ex_graph_options_default()};
    c.options.progress = isatty(STDERR_FILENO);
    int status = parse_graph_options(&c, argc, argv);
    if (status < 0)
        status = choose_format(&c);
    if (status >= 0)
        return status;
    ex_module *m = cli_open_module(c.scenario, &c.params);
    if (!m)
        return EXIT_USAGE;
    char err[512];
    ex_graph_info info;
    ex_graph_status s = ex_graph_write(m, &c.options, &c.graph, c.output, &info, err, sizeof err);
    ex_module_close(m);
    if (s == EX_GRAPH_TOO_LARGE || s == EX_GRAPH_FAILED) {
        fprintf(stderr, "explorer: %s\n", err);
        return EXIT_USAGE;
    }
    print_summary(strcmp(c.output, "-") ? stdout : stderr, &c, &info);
    if (s == EX_GRAPH_PARTIAL) {
        fprintf(stderr, "explorer: the search stopped early (%s): the graph may miss states\n",
                info.stopped_by ? info.stopped_by : "incomplete");
        return EXIT_PARTIAL;
    }
    return 0;
}
