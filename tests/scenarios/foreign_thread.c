/* test_foreign_thread: an OS thread the explorer did not start, as an uninstrumented library
 * would start one (pthread_create reached through dlsym, not through the scenario's wrapped
 * call), adds 1 to a global of the scenario, and MainThread joins it and prints the global.
 * The explorer must report the execution as `unsupported`, and never count the thread's
 * accesses as MainThread's. */
#include <explorer/scenario.h>

#include <dlfcn.h>
#include <pthread.h>

typedef int (*create_fn)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);

int counter;

static void *work(void *arg) {
    counter = counter + 1; /* the foreign access */
    return arg;
}

static void scenario_main(void) {
    create_fn create = (create_fn)dlsym(RTLD_DEFAULT, "pthread_create");
    pthread_t t;
    create(&t, NULL, work, NULL);
    pthread_join(t, NULL);
    printf("%d\n", counter);
}

EX_SCENARIO(test_foreign_thread, "tests: an OS thread the explorer did not start (unsupported)",
            scenario_main);
