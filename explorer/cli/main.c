/* The `explorer` command: picks the command its first argument names (commands.h); the
 * options are options.c's, the work libexplorer's, the printing report.c's. */
#include "commands.h"
#include "exit_codes.h"
#include "options.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int (*const run_command[CLI_COMMAND_COUNT])(int, char **) = {
    [CLI_LIST] = cmd_list, [CLI_RUN] = cmd_run, [CLI_REPLAY] = cmd_replay, [CLI_GRAPH] = cmd_graph};

static int command_named(const char *name) {
    for (int c = 0; c < CLI_COMMAND_COUNT; c++)
        if (!strcmp(name, cli_commands[c].name))
            return c;
    return -1;
}

/* The command's status, unless its standard output could not be written (a full disk,
 * /dev/full, a closed pipe): then an error, status 2, since the result was lost. */
static int output_written(int status) {
    errno = 0;
    bool flushed = fflush(stdout) == 0;
    if (flushed && !ferror(stdout))
        return status;
    return cli_error("cannot write the output: %s", errno ? strerror(errno) : "write error");
}

int main(int argc, char **argv) {
    const char *name = argc > 1 ? argv[1] : NULL;
    if (!name) {
        cli_print_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
        int topic = argc > 2 ? command_named(argv[2]) : -1;
        if (topic < 0)
            cli_print_usage(stdout);
        else
            cli_print_help((cli_command)topic, stdout);
        return output_written(CLI_EXIT_OK);
    }
    int c = command_named(name);
    if (c < 0)
        return cli_error("unknown command '%s' (see explorer --help)", name);
    return output_written(run_command[c](argc - 1, argv + 1));
}
