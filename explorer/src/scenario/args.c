/* Thread argument tuples: the typed values EX_ARGS(...) builds for libffi. */
#include "explorer/scenario.h"

#include <stdarg.h>

ex_arg ex_arg_int(long long value) {
    return (ex_arg){.type = EX_ARG_INT, .v.i = (int)value};
}

ex_arg ex_arg_long(long long value) {
    return (ex_arg){.type = EX_ARG_LONG, .v.l = (long)value};
}

ex_arg ex_arg_double(double value) {
    return (ex_arg){.type = EX_ARG_DOUBLE, .v.d = value};
}

ex_arg ex_arg_ptr(const void *value) {
    return (ex_arg){.type = EX_ARG_PTR, .v.p = (void *)value};
}

ex_arg ex_arg_str(const char *value) {
    return (ex_arg){.type = EX_ARG_STR, .v.s = value};
}

ex_arg ex_arg_same(ex_arg value) {
    return value;
}

ex_args ex_args_make(int count, ...) {
    ex_args args = {.count = count};
    va_list ap;
    va_start(ap, count);
    for (int i = 0; i < count && i < EX_MAX_ARGS; i++)
        args.arg[i] = va_arg(ap, ex_arg);
    va_end(ap);
    return args;
}
