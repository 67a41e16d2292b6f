/* `explorer replay`: runs the one execution a schedule describes and prints its trace
 * (report.c). */
#include "commands.h"
#include "exit_codes.h"
#include "options.h"
#include "report.h"

int cmd_replay(int argc, char **argv) {
    cli_args a;
    int status = cli_parse(CLI_REPLAY, argc, argv, &a);
    if (status >= 0)
        return status;
    ex_module *m = cli_open_module(&a);
    if (!m)
        return CLI_EXIT_USAGE;
    ex_result *r = ex_replay(m, a.schedule, &a.options);
    if (r->error) {
        status = cli_error("%s", r->error);
    } else {
        (a.json ? report_replay_json(stdout, m, r) : report_replay_text(stdout, r, a.columns));
        status = report_replay_exit_code(r);
    }
    ex_result_free(r);
    ex_module_close(m);
    return status;
}
