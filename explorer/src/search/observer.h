/* The handle an observer gets (ex_search, explorer.h): made by the search loop for each
 * call; `stop` is set by ex_search_stop (observer.c). */
#ifndef EXPLORER_OBSERVER_H
#define EXPLORER_OBSERVER_H

#include "execution/runtime.h"

struct ex_search {
    ex_runtime *rt;
    bool stop;
};

#endif
