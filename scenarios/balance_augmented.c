/* balance_augmented: seed 004's unlocked bank balance, written with augmented assignment.
 * From seed 004, section "### 线程锁" (thread lock), `In [8]`: change(n) does
 * `balance += n; balance -= n`, two threads run it 500000 times each, and the notebook
 * printed 3 instead of 0. The seed's explanation: "balance += n / balance -= n 这两个语句中
 * 都是寄到一个局部变量 ... 会出现读取脏数据的丢失更新的情况" (each statement goes through a
 * local value: dirty reads and lost updates).
 *
 * Atomicity modelled: in CPython `balance += n` is LOAD_GLOBAL, LOAD_FAST, INPLACE_ADD,
 * STORE_GLOBAL -- a thread switch can fall between the load and the store. In C at -O0,
 * `balance += n;` is one read step and one write step: the same two interleaving points.
 * So the race is exactly balance_unlocked's (`balance = balance + n`): augmented
 * assignment is not atomic in either language.
 *
 * The default is the seed's 500000 iterations per thread: no exhaustive search can finish
 * at that size (it runs until --time-limit, and still finds lost updates); -p iterations=1
 * or 2 explores every interleaving. */
#include <explorer/scenario.h>

EX_PARAM(iterations, 500000, "loop iterations per thread (seed 004's 500000)");

int balance = 0;

void change(int n) {
    balance += n;
    balance -= n;
}

void runthread(int n) {
    for (long i = 0; i < iterations; i++)
        change(n);
}

static void scenario_main(void) {
    ex_thread *t1 = ex_thread_new(runthread, EX_ARGS(5), NULL);
    ex_thread *t2 = ex_thread_new(runthread, EX_ARGS(8), NULL);
    ex_thread_start(t1);
    ex_thread_start(t2);
    ex_thread_join(t1);
    ex_thread_join(t2);
    printf("%d\n", balance);
    EX_CHECK(balance == 0);
}

EX_SCENARIO(balance_augmented,
            "seed 004 线程锁 In [8]: balance += n; balance -= n without a lock (races)",
            scenario_main);
