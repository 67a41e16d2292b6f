/* Scenario modules in memory: loading, the snapshot of their writable data that every
 * execution starts from, parameters (module.c; the public calls are in explorer.h). */
#ifndef EXPLORER_MODULE_H
#define EXPLORER_MODULE_H

#include "explorer/explorer.h"
#include "explorer/scenario.h"
#include <stddef.h>

#define EX_MODULE_MAX_SEGMENTS 4 /* writable PT_LOAD segments of a module */

/* The scenario module loaded in memory: code, writable data snapshot, parameters. */
struct ex_module {
    void *handle;
    char *path;
    const ex_scenario *scenario;
    struct ex_segment {
        char *addr;
        size_t size;
        char *snapshot;
    } segments[EX_MODULE_MAX_SEGMENTS];
    int segment_count;
    long *param_values; /* per ex_param, what -p set (or the default) */
};

void ex_module_reset(ex_module *m);
/* True in the child process that tries a module's constructors before it is loaded: an
 * exit() there leaves at once (scenario/exit.c). */
bool ex_module_trying_constructors(void);

#endif
