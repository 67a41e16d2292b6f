/* thread_local_three: seed 001's ThreadLocal program with three threads.
 * From seed 001, section "ThreadLocal应运而生" (the code block "# ThreadLocal"): T1 and T2
 * run process_thread, which binds local_school.student ('BOB', 'ABS'); T3 runs
 * process_thread1, which binds a different attribute, local_school.gfh ('gfh_thread').
 * Each prints "{}/{}".format(std, threading.current_thread().name).
 *
 * Every thread sees only its own attributes: T3 never sees a `student`, T1 and T2 never a
 * `gfh` (reading one the thread did not set would be reported, as Python's
 * AttributeError). The outcomes are exactly the 3! = 6 orders of the three prints, each
 * line pairing a thread with its own value. (Seed 001 shows no output for this program.) */
#include <explorer/scenario.h>

#include <string.h>

/* 创建全局Threadlocal对象 (the global ThreadLocal object) */
ex_local local_school;

const char *process_student(void) {
    const char *std = ex_local_get(&local_school, "student");
    printf("%s/%s\n", std, ex_current_name());
    return std;
}

void process_thread(const char *name) {
    ex_local_set(&local_school, "student", name);
    const char *greeted = process_student();
    EX_CHECK(strcmp(greeted, name) == 0 && !ex_local_has(&local_school, "gfh"));
}

const char *process_student1(void) {
    const char *std = ex_local_get(&local_school, "gfh");
    printf("%s/%s\n", std, ex_current_name());
    return std;
}

void process_thread1(const char *name) {
    ex_local_set(&local_school, "gfh", name);
    const char *greeted = process_student1();
    EX_CHECK(strcmp(greeted, name) == 0 && !ex_local_has(&local_school, "student"));
}

static void scenario_main(void) {
    ex_thread *t1 = ex_thread_new(process_thread, EX_ARGS("BOB"), "T1");
    ex_thread *t2 = ex_thread_new(process_thread, EX_ARGS("ABS"), "T2");
    ex_thread *t3 = ex_thread_new(process_thread1, EX_ARGS("gfh_thread"), "T3");
    ex_thread_start(t1);
    ex_thread_start(t2);
    ex_thread_start(t3);
    ex_thread_join(t1);
    ex_thread_join(t2);
    ex_thread_join(t3);
}

EX_SCENARIO(thread_local_three,
            "seed 001 ThreadLocal: T1, T2 bind student, T3 binds gfh (holds; 6 print orders)",
            scenario_main);
