/* An execution's Mazurkiewicz trace, computed by the tests on their own (independently of
 * the explorer's DPOR and graphs): per object (memory: per 8-byte block), the order of the
 * writes and the set of reads between two writes; a step that fired a timeout or moved the clock
 * counts as a write of every object. Fingerprinted to 128 bits, and kept in sets. Used by the
 * random brute-force check of DPOR (tests/random) and the graph counts (tests/graph). */
#ifndef EXPLORER_TESTS_TRACE_H
#define EXPLORER_TESTS_TRACE_H

#include <explorer/explorer.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct fingerprint {
    uint64_t a, b;
} fingerprint;

typedef struct print_set {
    fingerprint *slots; /* {0, 0} is empty */
    size_t count, capacity;
} print_set;

bool set_add(print_set *set, fingerprint f); /* false if it was there already */
bool set_has(const print_set *set, fingerprint f);
void set_free(print_set *set);
fingerprint fingerprint_text(const char *s);
/* the trace of these steps (every prefix of an execution is one, too) */
fingerprint trace_fingerprint(const ex_event *events, size_t count);

#endif
