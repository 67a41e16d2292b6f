/* The wall clock the search's limits and reports use. */
#ifndef EXPLORER_CLOCK_H
#define EXPLORER_CLOCK_H

double ex_now_seconds(void); /* monotonic seconds */

#endif
