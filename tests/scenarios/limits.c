/* test_limits: executions cut short, which are neither violations nor proofs.
 *   0  Thread-1 spins forever without a visible operation (runaway)
 *   1  Thread-1 increments `counter` forever: every increment is a read and a write, so
 *      the execution runs into --max-steps (step limit)
 *   2  Thread-1 and Thread-2 both spin: full enumeration (dfs) meets two runaway
 *      executions, one where each thread moves first (BUG: the second hangs, see
 *      test_runaway_twice in test_runtime.c) */
#include <explorer/scenario.h>

EX_PARAM(kind, 0, "0 runaway, 1 step limit, 2 two runaway threads");

long counter;

void spin(void) {
    unsigned long n = 0;
    for (;;)
        n++;
}

void count(void) {
    for (;;)
        counter = counter + 1;
}

static void scenario_main(void) {
    ex_thread *t = ex_thread_new(kind == 1 ? count : spin, EX_NO_ARGS, NULL);
    ex_thread *t2 = ex_thread_new(spin, EX_NO_ARGS, NULL);
    ex_thread_start(t);
    if (kind == 2)
        ex_thread_start(t2);
    ex_thread_join(t);
    puts("not reached");
}

EX_SCENARIO(test_limits, "tests: a runaway thread and a thread that runs past --max-steps",
            scenario_main);
