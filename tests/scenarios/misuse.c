/* test_misuse: each `kind` misuses the threading API once. Every execution must end with
 * status `misuse`, naming the thread and giving Python's error text; "not reached" is
 * never printed.
 *    1  release an unlocked Lock                 6  read a thread-local attribute never set
 *    2  release an RLock another thread holds    7  set_daemon() after start()
 *    3  start a thread twice                     8  acquire(blocking=false, timeout=1)
 *    4  join a thread that was never started     9  a thread with 9 arguments
 *    5  a thread joins itself                   10  a 65th thread (the explorer runs 64) */
#include <explorer/scenario.h>

EX_PARAM(kind, 1, "which misuse (1-10)");

ex_lock lock_a;
ex_rlock rlock_b;
ex_local local_school;

void nothing(void) {}

void release_rlock(void) {
    ex_rlock_release(&rlock_b);
    puts("not reached");
}

void join_self(void) {
    ex_thread_join(ex_current_thread());
    puts("not reached");
}

void set_student(void) {
    ex_local_set(&local_school, "student", "Alice");
}

static void scenario_main(void) {
    ex_thread *t;
    switch (kind) {
    case 1:
        ex_lock_release(&lock_a);
        break;
    case 2:
        ex_rlock_acquire(&rlock_b);
        t = ex_thread_new(release_rlock, EX_NO_ARGS, NULL);
        ex_thread_start(t);
        ex_thread_join(t);
        break;
    case 3:
        t = ex_thread_new(nothing, EX_NO_ARGS, NULL);
        ex_thread_start(t);
        ex_thread_start(t);
        break;
    case 4:
        t = ex_thread_new(nothing, EX_NO_ARGS, NULL);
        ex_thread_join(t);
        break;
    case 5:
        t = ex_thread_new(join_self, EX_NO_ARGS, NULL);
        ex_thread_start(t);
        ex_thread_join(t);
        break;
    case 6: /* the attribute Thread-1 set is its own: MainThread has none */
        t = ex_thread_new(set_student, EX_NO_ARGS, NULL);
        ex_thread_start(t);
        ex_thread_join(t);
        ex_local_get(&local_school, "student");
        break;
    case 7:
        t = ex_thread_new(nothing, EX_NO_ARGS, NULL);
        ex_thread_start(t);
        ex_thread_set_daemon(t, true);
        break;
    case 8:
        ex_lock_acquire_timeout(&lock_a, false, 1.0);
        break;
    case 9:
        ex_thread_new(nothing,
                      ex_args_make(9, ex_arg_int(1), ex_arg_int(2), ex_arg_int(3), ex_arg_int(4),
                                   ex_arg_int(5), ex_arg_int(6), ex_arg_int(7), ex_arg_int(8),
                                   ex_arg_int(9)),
                      NULL);
        break;
    case 10:
        for (int i = 0; i < 64; i++)
            ex_thread_new(nothing, EX_NO_ARGS, NULL);
        break;
    }
    puts("not reached");
}

EX_SCENARIO(test_misuse, "tests: one misuse of the threading API per kind", scenario_main);
