/* The visible operations: each kind's name. */
#include "explorer/explorer.h"

static const char *const op_names[] = {
    "begin",   "end",    "start",       "join",        "read",      "write",      "rmw",
    "acquire", "try",    "release",     "print",       "sleep",     "exit",       "wait",
    "wake",    "notify", "sem-acquire", "sem-release", "event-set", "event-wait", "query"};
_Static_assert(sizeof op_names / sizeof *op_names == EX_OP_COUNT, "a name for each");

const char *ex_op_name(ex_op_kind kind) {
    return kind < EX_OP_COUNT ? op_names[kind] : "?";
}
