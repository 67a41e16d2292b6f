/* OS threads the explorer did not start that reach scenario code (foreign.c). */
#ifndef EXPLORER_FOREIGN_H
#define EXPLORER_FOREIGN_H

#include "execution/runtime.h"

void ex_foreign_access(const void *pc); /* such a thread reached a hook at `pc` */
void ex_foreign_forget(void);           /* a new search: earlier ones do not count */
/* Whether one came since the last call (then `detail` says where), forgetting it. */
bool ex_foreign_take(ex_runtime *rt, char *detail, size_t len);

#endif
