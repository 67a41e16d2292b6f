/* What the explorer does not model yet (unsupported.c): the wrapped calls end an execution
 * as `unsupported`. */
#ifndef EXPLORER_UNSUPPORTED_H
#define EXPLORER_UNSUPPORTED_H

/* Why an OS thread of the C library is refused (the calls' and the foreign threads' text). */
#define EX_NO_OS_THREADS "threads of the C library are not modelled yet"

#endif
