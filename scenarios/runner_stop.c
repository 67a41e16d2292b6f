/* runner_stop: seed 003's Thread subclass, stopped by a flag after 10 seconds.
 * From seed 003, section "# 继承方式" (by inheritance):
 *
 *     class runner(threading.Thread):
 *         def __init__(self, name):
 *             threading.Thread.__init__(self)
 *             self.name = name
 *             self.thread_stop = False
 *         def run(self):
 *             while not self.thread_stop:
 *                 print str(self.name)+':'+'hello world'
 *                 time.sleep(1)
 *         def stop(self):
 *             self.thread_stop = True
 *     def test():
 *         t = runner('thread'); t.start(); time.sleep(10); t.stop()
 *
 * The C port: the subclass is a struct that holds its Thread and the flag; run() is the
 * target, with `self` as its argument. Reading and writing thread_stop are steps.
 *
 * In virtual time it terminates: the runner prints at 0, 1, ..., 9 s; at 10 s its sleep and
 * MainThread's sleep(10) end at the same instant, and the two orders give 10 or 11 lines.
 * With --timing-agnostic (a sleep orders nothing) the runner can loop any number of times
 * before MainThread sets the flag: the search has no bound, and with --max-steps the
 * explorer cuts those executions ("step limit") and says the search is incomplete. The
 * seed's stop flag is right; its timing (sleep(10) "to let it print ten times") is not
 * synchronisation. */
#include <explorer/scenario.h>

#include <stdbool.h>

typedef struct runner {
    ex_thread *thread; /* the threading.Thread part */
    const char *name;
    bool thread_stop;
} runner;

void run(runner *self) {
    while (!self->thread_stop) {
        printf("%s:hello world\n", self->name);
        ex_sleep(1);
    }
}

void stop(runner *self) {
    self->thread_stop = true;
}

/* runner.__init__(self, name) */
void runner_init(runner *self, const char *name) {
    self->thread = ex_thread_new(run, EX_ARGS((void *)self), NULL); /* Thread.__init__(self) */
    ex_thread_set_name(self->thread, name);                         /* self.name = name */
    self->name = name;
    self->thread_stop = false;
}

/* test()'s `t`, a global here so that messages name it (t+16 is t.thread_stop) */
runner t;

void test(void) {
    runner_init(&t, "thread"); /* t = runner('thread') */
    ex_thread_start(t.thread);
    ex_sleep(10);
    stop(&t);
}

static void scenario_main(void) {
    test();
}

EX_SCENARIO(runner_stop, "seed 003 继承方式: a Thread subclass loops until stop() (10 or 11 lines)",
            scenario_main);
