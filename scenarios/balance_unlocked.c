/* balance_unlocked: the tutorial's bank balance without the lock (seed 004, In [8], which
 * printed 3; seed 001's "Lock" prose): two threads run change_it(5) and change_it(8) in a
 * loop; each deposits and withdraws, so the balance "should be 0" -- but
 * `balance = balance + n` is a read and a write, and another thread can move in between.
 * The explorer finds the interleavings that lose an update. */
#include <explorer/scenario.h>

EX_PARAM(iterations, 100000, "loop iterations per thread (the tutorial's 100000)");

/* 假定这是你的银行存款: (suppose this is your bank balance) */
int balance = 0;

void change_it(int n) {
    /* 先存后取，结果应该为0: (deposit then withdraw: the result should be 0) */
    balance = balance + n;
    balance = balance - n;
}

void run_thread(int n) {
    for (long i = 0; i < iterations; i++)
        change_it(n);
}

static void scenario_main(void) {
    ex_thread *t1 = ex_thread_new(run_thread, EX_ARGS(5), NULL);
    ex_thread *t2 = ex_thread_new(run_thread, EX_ARGS(8), NULL);
    ex_thread_start(t1);
    ex_thread_start(t2);
    ex_thread_join(t1);
    ex_thread_join(t2);
    printf("%d\n", balance);
    EX_CHECK(balance == 0);
}

EX_SCENARIO(balance_unlocked,
            "seed 004 (and 001's Lock prose): two threads add and subtract an unlocked balance",
            scenario_main);
