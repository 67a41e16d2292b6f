/* The wall clock the search's limits and reports use. */
#ifndef EXPLORER_CLOCK_H
#define EXPLORER_CLOCK_H

double ex_now_seconds(void); /* monotonic seconds */
/* The same clock at the kernel's tick (a few ms): a fraction of the cost, for the limits,
 * which read it once per execution and in a signal handler (it is async-signal-safe). */
double ex_now_coarse(void);

#include <stdint.h>
#if defined(__x86_64__)
#include <x86intrin.h>
#endif

/* The processor's cycle counter (one instruction on x86-64; 0 elsewhere): to tell cheaply
 * whether it is time to read the clock again. */
static inline uint64_t ex_cycles(void) {
#if defined(__x86_64__)
    return __rdtsc();
#else
    return 0;
#endif
}

#endif
