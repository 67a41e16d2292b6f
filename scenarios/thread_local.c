/* thread_local: the tutorial's ThreadLocal program.
 * From seed 000 ("## ThreadLocal", `In [6]`), seed 001 ("ThreadLocal应运而生"), seed 002
 * ("# ThreadLocal") and seed 003 ("每个线程保存自己的变量"): a global
 * `local_school = threading.local()`; Thread-A binds local_school.student = 'Alice',
 * Thread-B binds 'Bob', and each greets the student it finds through the global object.
 *
 * Each thread has its own `student`: `ex_local` attributes are per thread, and reading or
 * setting one is not even a step (no other thread can observe it). The explorer finds
 * exactly two outcomes, the two orders of the prints, and in both each thread greets its
 * own student. The tutorial shows one of them ("Hello, Alice (in Thread-A)" first) as if
 * it were the only one.
 *
 * Added for the check: process_student() returns the student it greeted, and
 * process_thread() checks it is the one it bound. thread_local_shared_global is the same
 * program with a plain global instead, where that check fails. */
#include <explorer/scenario.h>

#include <string.h>

/* 创建全局ThreadLocal对象: (the global ThreadLocal object) */
ex_local local_school;

const char *process_student(void) {
    /* 获取当前线程关联的student: (the student bound to the current thread) */
    const char *std = ex_local_get(&local_school, "student");
    printf("Hello, %s (in %s)\n", std, ex_current_name());
    return std;
}

void process_thread(const char *name) {
    /* 绑定ThreadLocal的student: (bind the ThreadLocal's student) */
    ex_local_set(&local_school, "student", name);
    const char *greeted = process_student();
    EX_CHECK(strcmp(greeted, name) == 0);
}

static void scenario_main(void) {
    ex_thread *t1 = ex_thread_new(process_thread, EX_ARGS("Alice"), "Thread-A");
    ex_thread *t2 = ex_thread_new(process_thread, EX_ARGS("Bob"), "Thread-B");
    ex_thread_start(t1);
    ex_thread_start(t2);
    ex_thread_join(t1);
    ex_thread_join(t2);
}

EX_SCENARIO(thread_local,
            "seeds 000-003 ThreadLocal: Alice and Bob through local_school.student (holds)",
            scenario_main);
