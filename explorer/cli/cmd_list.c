/* `explorer list`: the scenario modules found, with their parameters; the .so files that
 * did not load are named on stderr. */
#include "commands.h"
#include "exit_codes.h"
#include "options.h"

static void list_one(const char *name, const char *summary, const char *path, void *user) {
    (void)user;
    char err[512];
    if (!name) { /* a file that did not load: said, and the list goes on */
        fflush(stdout);
        fprintf(stderr, "explorer: skipped: %s\n", summary);
        return;
    }
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

int cmd_list(int argc, char **argv) {
    cli_args a;
    int status = cli_parse(CLI_LIST, argc, argv, &a);
    if (status >= 0)
        return status;
    if (ex_scenarios_each(list_one, NULL) == 0)
        return cli_error("no scenario modules found (set EXPLORER_SCENARIO_PATH)");
    return CLI_EXIT_OK;
}
