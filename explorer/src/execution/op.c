/* The visible operations: each kind's name, from op.h's table. */
#include "execution/op.h"

#define EX_OP_NAME(kind, name, facts, arg) [EX_OP_##kind] = name,
static const char *const op_names[EX_OP_COUNT] = {EX_OPS(EX_OP_NAME, 0)};

#define EX_OP_ONE(kind, name, facts, arg) +1
_Static_assert(0 EX_OPS(EX_OP_ONE, 0) == EX_OP_COUNT, "op.h lists every ex_op_kind");

const char *ex_op_name(ex_op_kind kind) {
    return kind < EX_OP_COUNT ? op_names[kind] : "?";
}
