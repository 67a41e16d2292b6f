/* Scenario threads: the table's rows as threads are created, MainThread, and the names of
 * the runtime's objects (thread.c; the Thread API itself is in scenario.h). */
#ifndef EXPLORER_THREAD_H
#define EXPLORER_THREAD_H

#include "execution/runtime.h"

ex_thread *ex_thread_alloc(ex_runtime *rt, const char *name);
ex_thread *ex_thread_main_init(ex_runtime *rt);

#endif
