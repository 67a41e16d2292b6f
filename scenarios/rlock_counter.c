/* rlock_counter: seed 003's RLock program, two runner threads counting to 6.
 * From seed 003, section "带锁RLock":
 *
 *     num=0
 *     lock = threading.RLock()
 *     class runner(threading.Thread):
 *         def run(self):
 *             global num
 *             while True:
 *                 if num >= 6: break
 *                 if lock.acquire():
 *                     print "Thread(%s) locked, Number: %d" % (self.name, num)
 *                     time.sleep(1)
 *                 lock.release()
 *                 print "Thread(%s) released, Number: %d" % (self.name, num)
 *                 time.sleep(1)
 *                 num += 1
 *     def test():
 *         t1 = runner('thread1'); t2 = runner('thread2'); t1.start(); t2.start()
 *
 * The lock guards only the first print: the test `num >= 6` and `num += 1` (a read step and a
 * write step, as in CPython: LOAD_GLOBAL ... STORE_GLOBAL) are outside it.
 *
 * In virtual time the sleeps keep the two threads one second apart: the lock makes the
 * second runner start its first round a second late, and from then on one thread increments
 * at even seconds, the other at odd ones, so the two `num += 1` never meet. Every
 * interleaving ends the same way: 7 "locked" lines and num = 7 -- one more than the seed's
 * 6, because the test and the increment are apart (a runner that passed `num >= 6` with
 * num at 5 still runs its round) -- and no update is lost. The search is exhaustive but large: at
 * the default limit 6 it needs 524288 executions, 30 to 40 s, more than the default
 * --time-limit of 10 s (run it with --time-limit 0); -p limit=3 takes 0.03 s.
 *
 * With --timing-agnostic (a sleep orders nothing) the increments interleave and updates are
 * lost: num ends below the number of rounds. That search finishes only for small limits:
 * -p limit=1 or 2 (limit 3 takes 387742 executions, 40 to 50 s; 6 is out of reach).
 *
 * Added by the port, to see the result: test() joins both threads and prints num, and
 * each runner counts its own rounds (self->rounds, private to it until it ends); the check
 * `num == rounds of thread1 + rounds of thread2` fails exactly when an increment was lost. */
#include <explorer/scenario.h>

#include <stdlib.h>

EX_PARAM(limit, 6, "the loop stops once num >= limit (the seed's 6)");

int num = 0;
ex_rlock lock; /* lock = threading.RLock() */

typedef struct runner {
    const char *name;
    int rounds; /* added: the rounds this thread ran */
} runner;

runner *runner_new(const char *name) {
    runner *self = malloc(sizeof *self);
    self->name = name;
    self->rounds = 0;
    return self;
}

void run(runner *self) {
    int rounds = 0;
    while (1) {
        if (num >= limit)
            break;
        if (ex_rlock_acquire(&lock)) {
            printf("Thread(%s) locked, Number: %d\n", self->name, num);
            ex_sleep(1);
        }
        ex_rlock_release(&lock);
        printf("Thread(%s) released, Number: %d\n", self->name, num);
        ex_sleep(1);
        num += 1;
        rounds++;
    }
    self->rounds = rounds;
}

static void scenario_main(void) {
    runner *r1 = runner_new("thread1");
    runner *r2 = runner_new("thread2");
    ex_thread *t1 = ex_thread_new(run, EX_ARGS((void *)r1), r1->name);
    ex_thread *t2 = ex_thread_new(run, EX_ARGS((void *)r2), r2->name);
    ex_thread_start(t1);
    ex_thread_start(t2);
    /* added: wait for both and show the count */
    ex_thread_join(t1);
    ex_thread_join(t2);
    printf("num: %d (rounds: %d + %d)\n", num, r1->rounds, r2->rounds);
    EX_CHECK(num == r1->rounds + r2->rounds);
}

EX_SCENARIO(rlock_counter,
            "seed 003 带锁RLock: two runners count num to 6 outside the lock (sleep hides a race)",
            scenario_main);
