/* Source locations and variable names from the scenario's debug information (symbols.c). */
#ifndef EXPLORER_SYMBOLS_H
#define EXPLORER_SYMBOLS_H

#include "execution/runtime.h"

ex_symbols *ex_symbols_open(void);
/* The search's table, opened on first use (once per search; closed with the runtime). */
ex_symbols *ex_symbols_of(ex_runtime *rt);
/* The source line of pc in buf, "" when unknown. */
void ex_symbols_line_or_empty(ex_runtime *rt, const void *pc, char *buf, size_t len);
/* "file.c:12, in Thread-1" (or "in Thread-1" when the line is unknown): where the running
 * thread made the call that returns to pc. */
void ex_symbols_call_site(ex_runtime *rt, const void *pc, char *buf, size_t len);
/* The name of the object at addr: a variable, a lock, a thread, heap+offset. */
const char *ex_object_name(ex_runtime *rt, const void *addr, char *buf, size_t len);
void ex_symbols_close(ex_symbols *s);
bool ex_symbols_line(ex_symbols *s, const void *return_address, char *buf, size_t len);
const char *ex_symbols_object(ex_symbols *s, const ex_runtime *rt, uintptr_t addr, char *buf,
                              size_t len);

#endif
