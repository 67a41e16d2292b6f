/* Opening the scenario a command line names, with its -p settings applied. */
#include "options.h"

ex_module *cli_open_module(const cli_args *a) {
    char err[512];
    ex_module *m = ex_module_open(a->scenario, err, sizeof err);
    for (int i = 0; m && i < a->params; i++) {
        if (!ex_module_set_param(m, a->pair[i][0], a->pair[i][1], err, sizeof err)) {
            ex_module_close(m);
            m = NULL;
        }
    }
    if (!m)
        cli_error("%s", err);
    return m;
}
