/* `explorer run`: explores a scenario and prints its outcomes and verdict (report.c). */
#include "commands.h"
#include "exit_codes.h"
#include "options.h"
#include "report.h"

#define MAX_MIN_BOUND 6 /* --min-preemptions tries bounds 0..6 */

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

int cmd_run(int argc, char **argv) {
    cli_args a;
    int status = cli_parse(CLI_RUN, argc, argv, &a);
    if (status >= 0)
        return status;
    ex_module *m = cli_open_module(&a);
    if (!m)
        return CLI_EXIT_USAGE;
    ex_result *r = a.min_preemptions ? ex_explore_min_preemptions(m, &a.options, MAX_MIN_BOUND)
                                     : ex_explore(m, &a.options);
    if (r->error) {
        status = cli_error("%s", r->error);
    } else {
        ex_result *witness = replay_first_violation(m, r, &a.options);
        (a.json ? report_run_json(stdout, m, r, witness)
                : report_run_text(stdout, m, r, &a.options, witness));
        ex_result_free(witness);
        status = report_exit_code(r);
    }
    ex_result_free(r);
    ex_module_close(m);
    return status;
}
