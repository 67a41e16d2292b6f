/* Hashing: 128-bit hashes of byte strings and words (state identity), the slot hash every
 * hash table uses, and the random numbers' mixing step. */
#ifndef EXPLORER_HASH_H
#define EXPLORER_HASH_H

#include <stddef.h>
#include <stdint.h>

#define EX_GOLDEN 0x9E3779B97F4A7C15ull /* 2^64 / phi: multiplicative hashing's constant */

/* A 128-bit hash, built up word by word. */
typedef struct ex_hash {
    uint64_t a, b;
} ex_hash;

/* Two lanes, each a multiply and a rotate or shift per word. (Inline: the stateful search
 * hashes a few words per thread at every step.) */
static inline void ex_hash_word(ex_hash *h, uint64_t w) {
    h->a = (h->a ^ w) * EX_GOLDEN;
    h->a ^= h->a >> 29;
    h->b = (h->b + w) * 0xC2B2AE3D27D4EB4Full;
    h->b = h->b << 31 | h->b >> 33;
}

ex_hash ex_hash_new(uint64_t seed);
void ex_hash_bytes(ex_hash *h, const void *data, size_t n);

/* Where `key` goes among 2^(64 - shift) slots: multiplicative (Fibonacci) hashing, which
 * keeps the product's top bits, so that keys differing only in their low bits (addresses
 * of neighbouring objects) spread. */
static inline size_t ex_slot_hash(uint64_t key, unsigned shift) {
    return (size_t)((key * EX_GOLDEN) >> shift);
}

/* splitmix64's finaliser: every bit of `z` reaches every bit of the result. */
static inline uint64_t ex_splitmix64_mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* splitmix64: the next number of the sequence `*state` (Steele, Lea, Flood 2014). */
static inline uint64_t ex_splitmix64(uint64_t *state) {
    return ex_splitmix64_mix(*state += EX_GOLDEN);
}

#endif
