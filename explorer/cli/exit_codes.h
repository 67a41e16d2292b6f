/* The exit statuses of every `explorer` command, in one place. */
#ifndef EXPLORER_CLI_EXIT_CODES_H
#define EXPLORER_CLI_EXIT_CODES_H

enum {
    CLI_EXIT_OK = 0,         /* run: proved; replay: the execution ended ok; graph: written */
    CLI_EXIT_VIOLATION = 1,  /* run: a violation was found; replay: the execution ended in one */
    CLI_EXIT_USAGE = 2,      /* a usage error, an unknown scenario or parameter, a schedule that
                                does not fit, a search or a graph that could not be made */
    CLI_EXIT_INCOMPLETE = 3, /* run: no violation, but not a proof; replay: the execution was
                                cut short; graph: written, but states may be missing */
    CLI_EXIT_SIGNAL = 128    /* run: + the signal (130 SIGINT, 143 SIGTERM, 129 SIGHUP) that
                                interrupted a search that had found no violation; the partial
                                result was printed (NOT PROVED) */
};

#endif
