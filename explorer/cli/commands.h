/* The `explorer` commands: each parses its command line (options.h) and does its work;
 * the return value is the process's exit status (exit_codes.h). argv[0] is the command's
 * name. */
#ifndef EXPLORER_CLI_COMMANDS_H
#define EXPLORER_CLI_COMMANDS_H

int cmd_list(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_replay(int argc, char **argv);
int cmd_graph(int argc, char **argv);

#endif
