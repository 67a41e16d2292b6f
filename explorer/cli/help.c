/* The help texts: `explorer --help` from the table of commands, and each command's help
 * from its text and the rows of the option table it accepts (option_table.c). */
#include "options.h"

#include <string.h>

enum { SPEC_WIDTH = 24 }; /* "  -p, --param NAME=VALUE   set ..." */

void cli_print_usage(FILE *out) {
    fputs("usage: explorer COMMAND [ARGS]\n"
          "\n"
          "Runs a small concurrent C program (a scenario) under every interleaving of its "
          "threads\n"
          "and reports every outcome.\n"
          "\n"
          "commands:\n",
          out);
    for (int c = 0; c < CLI_COMMAND_COUNT; c++)
        fprintf(out, "  %-34s %s\n", cli_commands[c].synopsis, cli_commands[c].summary);
    fprintf(out, "  %-34s %s\n", "help [COMMAND]", "this text, or a command's");
    fputs("\n"
          "Exit status: 0 proved (complete search, no violation), 1 violation found,\n"
          "3 no violation but the search was cut short (not a proof), 2 usage error.\n"
          "Scenario modules are found in $EXPLORER_SCENARIO_PATH, then in the build's "
          "scenarios/.\n",
          out);
}

/* "  -p, --param NAME=VALUE   set a ...", its further lines indented under the first */
static void print_option(const cli_option *o, FILE *out) {
    char spec[64];
    int n = o->letter ? snprintf(spec, sizeof spec, "-%c, ", o->letter) : 0;
    snprintf(spec + n, sizeof spec - (size_t)n, "--%s%s%s", o->name, o->metavar ? " " : "",
             o->metavar ? o->metavar : "");
    const char *line = o->help;
    fprintf(out, "  %-*s ", SPEC_WIDTH, spec);
    for (;;) {
        size_t len = strcspn(line, "\n");
        fprintf(out, "%.*s\n", (int)len, line);
        if (!line[len])
            break;
        line += len + 1;
        fprintf(out, "%*s", SPEC_WIDTH + 3, "");
    }
}

void cli_print_help(cli_command c, FILE *out) {
    const cli_command_info *info = &cli_commands[c];
    fprintf(out, "usage: explorer %s\n\n%s\noptions:\n", info->synopsis, info->intro);
    for (size_t i = 0; i < cli_option_count; i++)
        if (cli_options[i].commands & CLI_IN(c))
            print_option(&cli_options[i], out);
    fprintf(out, "\n%s", info->outro);
}
