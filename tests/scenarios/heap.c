/* test_heap: the scenario heap's memory checking (heap_check.c). `kind` picks the case:
 *   0  use after free: read a freed block
 *   1  double free
 *   2  invalid free: a pointer into the middle of a block
 *   3  invalid free: a pointer to a local variable (MainThread's stack)
 *   4  a read one byte past the end of a 10-byte block
 *   5  a write one byte past the end of a 16-byte block (into the next block's header)
 *   6  a read one byte before a block
 *   7  requests that cannot be met: each must return NULL and leave the heap usable
 *   8  clean: realloc and calloc grow and shrink blocks, many times; must hold
 *   9  the race: Thread-1 reads a block through `shared` while MainThread frees it:
 *      schedules where the read comes first print "x=7", the others are a use after free
 *  10  realloc of a freed block (a double free) */
#include <explorer/scenario.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

EX_PARAM(kind, 0, "which case (0-10)");

int *volatile shared;
volatile int sink;
volatile size_t huge = SIZE_MAX; /* (volatile: the compiler would warn about the requests) */

static void use_after_free(void) {
    int *p = malloc(4 * sizeof *p); /* uaf-alloc */
    p[0] = 1;
    free(p);     /* uaf-free */
    sink = p[0]; /* uaf-read */
}

static void double_free(void) {
    char *p = malloc(16); /* df-alloc */
    free(p);              /* df-free */
    free(p);              /* df-again */
}

static void free_middle(void) {
    char *p = malloc(16); /* mid-alloc */
    free(p + 8);          /* mid-free */
}

static void free_stack(void) {
    int local = 0;
    int *volatile p = &local;
    free(p); /* stack-free */
}

static void read_past_end(void) {
    char *p = malloc(10); /* past-alloc */
    sink = p[10];         /* past-read */
}

static void write_past_end(void) {
    char *p = malloc(16); /* write-alloc */
    char *q = malloc(16);
    p[16] = 1; /* write-past */
    free(q);
}

static void read_before(void) {
    char *p = malloc(10); /* before-alloc */
    sink = p[-1];         /* before-read */
}

static void impossible_requests(void) {
    char *p = malloc(16);
    printf("%d", malloc(huge) == NULL);
    printf("%d", malloc(huge - 8) == NULL);
    printf("%d", malloc((size_t)2 << 30) == NULL); /* more than the arena holds */
    printf("%d", calloc(1, huge) == NULL);
    printf("%d", calloc(huge / 2, 3) == NULL);
    printf("%d", realloc(p, huge) == NULL);
    p[15] = 'x'; /* the old block stays */
    char *q = malloc(16);
    q[0] = 'y';
    printf(" %c%c\n", p[15], q[0]);
    free(p);
    free(q);
}

static void clean(void) {
    int *a = NULL;
    long sum = 0;
    for (int n = 1; n <= 40; n++) {
        a = realloc(a, (size_t)n * sizeof *a);
        a[n - 1] = n;
        int *z = calloc((size_t)n, sizeof *z);
        for (int i = 0; i < n; i++)
            sum += z[i] + a[i];
        free(z);
    }
    a = realloc(a, 3 * sizeof *a);
    sum += a[2];
    char *s = malloc(0);
    s = realloc(s, 6);
    strcpy(s, "heap");
    printf("%ld %s\n", sum, s);
    free(s);
    free(a);
}

void reader(void) {
    int *p = shared;
    printf("x=%d\n", p[1]); /* race-read */
}

static void racy_free(void) {
    shared = malloc(2 * sizeof *shared); /* race-alloc */
    shared[1] = 7;
    ex_thread *t = ex_thread_new(reader, EX_NO_ARGS, NULL);
    ex_thread_start(t);
    free(shared); /* race-free */
    ex_thread_join(t);
}

static void realloc_freed(void) {
    char *p = malloc(8); /* rf-alloc */
    free(p);             /* rf-free */
    p = realloc(p, 16);  /* rf-realloc */
}

static void scenario_main(void) {
    void (*const cases[])(void) = {
        use_after_free, double_free,         free_middle, free_stack, read_past_end, write_past_end,
        read_before,    impossible_requests, clean,       racy_free,  realloc_freed};
    cases[kind]();
}

EX_SCENARIO(test_heap, "tests: the heap's memory checking", scenario_main);
