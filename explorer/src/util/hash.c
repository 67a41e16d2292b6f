/* 128-bit hashes of byte strings (see hash.h): equal hashes of distinct inputs are
 * negligible (about n^2 / 2^97 for n states, with the 96 bits the stateful search keeps).
 * Long strings (memory regions, stack pages) go through XXH3 (libxxhash-dev), whose
 * 128-bit result is folded in as two words; short ones (a read's few bytes, a name) are
 * hashed word by word, which costs fewer instructions below SHORT bytes. XXH3 is compiled
 * in from its header (XXH_INLINE_ALL): loading libxxhash.so would cost every run more at
 * start-up than DPOR's whole search of a small scenario saves (docs/performance.md). */
#include "util/hash.h"

#include <string.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

enum { SHORT = 256 };

void ex_hash_bytes(ex_hash *h, const void *data, size_t n) {
    if (n >= SHORT) {
        XXH128_hash_t x = XXH3_128bits_withSeed(data, n, h->a);
        ex_hash_word(h, x.low64);
        ex_hash_word(h, x.high64);
        return;
    }
    const unsigned char *p = data;
    size_t i = 0;
    for (uint64_t w; i + 8 <= n; i += 8) {
        memcpy(&w, p + i, 8);
        ex_hash_word(h, w);
    }
    uint64_t tail = 0;
    memcpy(&tail, p + i, n - i);
    ex_hash_word(h, tail ^ (uint64_t)n << 56);
}

ex_hash ex_hash_new(uint64_t seed) {
    ex_hash h = {0x243F6A8885A308D3ull ^ seed, 0x13198A2E03707344ull + seed};
    ex_hash_word(&h, seed);
    return h;
}
