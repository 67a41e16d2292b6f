/* Printing results: the human summary and the --json document of `explorer run` and
 * `explorer replay`. */
#ifndef EXPLORER_CLI_REPORT_H
#define EXPLORER_CLI_REPORT_H

#include "explorer/explorer.h"

#include <stdio.h>

/* `witness`: the replayed first violation, for its diagnoses (may be NULL) */
void report_run_text(FILE *out, const ex_module *m, const ex_result *r, const ex_options *o,
                     const ex_result *witness);
void report_run_json(FILE *out, const ex_module *m, const ex_result *r, const ex_result *witness);
void report_replay_text(FILE *out, const ex_result *r, bool columns);
void report_replay_json(FILE *out, const ex_module *m, const ex_result *r);
/* CLI_EXIT_OK proved, CLI_EXIT_VIOLATION, CLI_EXIT_INCOMPLETE no violation but no proof */
int report_exit_code(const ex_result *r);
/* the one execution: CLI_EXIT_OK, CLI_EXIT_VIOLATION, CLI_EXIT_INCOMPLETE (step limit,
 * runaway) */
int report_replay_exit_code(const ex_result *r);

#endif
