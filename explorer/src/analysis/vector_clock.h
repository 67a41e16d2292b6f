/* Vector clocks over the steps of a recorded execution: entry u counts thread u's steps that
 * happen before what the clock belongs to (a step, a thread's next step, a sync object's
 * last release). What "happen before" means is each user's: the graph's happens-before
 * (graph/happens_before.h) joins along every dependence, race.c's along synchronisation
 * only. (DPOR's history.h keeps clocks of its own, incrementally, with undo.) */
#ifndef EXPLORER_VECTOR_CLOCK_H
#define EXPLORER_VECTOR_CLOCK_H

#include <stdint.h>

/* into = max(into, from), entry by entry, over `width` threads. */
static inline void ex_vc_join(uint32_t *into, const uint32_t *from, int width) {
    for (int t = 0; t < width; t++)
        if (from[t] > into[t])
            into[t] = from[t];
}

#endif
