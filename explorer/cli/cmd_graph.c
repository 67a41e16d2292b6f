/* `explorer graph`: draws a scenario's interleaving graph and prints the one line that
 * sums it up; the graph itself is libexplorer's (ex_graph_write, explorer/src/analysis/graph/). */
#include "commands.h"
#include "exit_codes.h"
#include "options.h"

#include <string.h>
#include <strings.h>

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

static int choose_format(cli_args *a) {
    int f = a->format ? format_of(a->format, false) : format_of(a->output, true);
    if (f < 0 && a->format)
        return cli_bad_value(cli_option_for(OPT_FORMAT, CLI_GRAPH), a->format);
    if (f < 0)
        return cli_error("cannot tell the format from '%s': name it .dot, .svg, .png or .pdf, or "
                         "give --format",
                         a->output);
    a->graph.format = (ex_graph_format)f;
    return -1;
}

static void print_summary(FILE *out, const cli_args *a, const ex_graph_info *info) {
    fprintf(out, "wrote %s: %zu states, %zu steps, %zu final (%zu violations)",
            strcmp(a->output, "-") ? a->output : "the graph", info->states, info->steps,
            info->finals, info->violations);
    if (info->nodes != info->states || info->edges != info->steps)
        fprintf(out, "; drawn: %zu nodes, %zu edges", info->nodes, info->edges);
    fprintf(out, "; %llu executions explored\n", (unsigned long long)info->executions);
}

int cmd_graph(int argc, char **argv) {
    cli_args a;
    int status = cli_parse(CLI_GRAPH, argc, argv, &a);
    if (status < 0)
        status = choose_format(&a);
    if (status >= 0)
        return status;
    ex_module *m = cli_open_module(&a);
    if (!m)
        return CLI_EXIT_USAGE;
    char err[512];
    ex_graph_info info;
    ex_graph_status s = ex_graph_write(m, &a.options, &a.graph, a.output, &info, err, sizeof err);
    ex_module_close(m);
    if (s == EX_GRAPH_TOO_LARGE || s == EX_GRAPH_FAILED)
        return cli_error("%s", err);
    print_summary(strcmp(a.output, "-") ? stdout : stderr, &a, &info);
    if (s == EX_GRAPH_PARTIAL) {
        cli_error("the search stopped early (%s): the graph may miss states",
                  info.stopped_by != EX_STOP_NONE ? ex_stop_reason_name(info.stopped_by)
                                                  : "incomplete");
        return CLI_EXIT_INCOMPLETE;
    }
    return CLI_EXIT_OK;
}
