/* How an execution ends: each status's name, and which are violations. */
#include "explorer/explorer.h"

static const char *const status_names[] = {"ok",      "check failed", "deadlock",
                                           "misuse",  "crash",        "step limit",
                                           "runaway", "unsupported",  "abandoned"};
_Static_assert(sizeof status_names / sizeof *status_names == EX_STATUS_COUNT, "a name for each");

const char *ex_status_name(ex_status s) {
    return s < EX_STATUS_COUNT ? status_names[s] : "?";
}

bool ex_status_is_violation(ex_status s) {
    return s == EX_STATUS_CHECK_FAILED || s == EX_STATUS_DEADLOCK || s == EX_STATUS_MISUSE ||
           s == EX_STATUS_CRASH;
}

bool ex_status_is_incomplete(ex_status s) {
    return s == EX_STATUS_STEP_LIMIT || s == EX_STATUS_RUNAWAY || s == EX_STATUS_UNSUPPORTED;
}
