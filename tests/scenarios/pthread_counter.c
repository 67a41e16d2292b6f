/* test_pthread_counter: a plain pthread program, which the explorer does not model yet:
 * pthread_create must end the execution as `unsupported`, never give HOLDS. */
#include <explorer/scenario.h>

#include <pthread.h>

static int counter;

static void *work(void *arg) {
    counter = counter + 1;
    return arg;
}

static void scenario_main(void) {
    pthread_t a, b;
    pthread_create(&a, NULL, work, NULL); /* first */
    pthread_create(&b, NULL, work, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("%d\n", counter);
    EX_CHECK(counter == 2);
}

EX_SCENARIO(test_pthread_counter, "tests: a racy pthread counter (unsupported)", scenario_main);
