/* thread_local_shared_global: the ThreadLocal program without the ThreadLocal.
 * From the same program as thread_local (seeds 000-003, "ThreadLocal"), with
 * `local_school.student` replaced by a plain global `student` -- the alternative seed 001
 * rules out in prose: "用全局变量？也不行，因为每个线程处理不同的Student对象，不能共享"
 * (a global variable? No: each thread handles a different Student, they cannot share it).
 *
 * Here `student = name` is a write step and `std = student` a read step, and the other
 * thread's write can fall between them. The explorer finds the executions where Thread-A
 * greets Bob ("Hello, Bob (in Thread-A)") or Thread-B greets Alice, and the check that each
 * thread greets the student it bound fails there. */
#include <explorer/scenario.h>

#include <string.h>

/* a plain global where the tutorial has local_school.student */
const char *student;

const char *process_student(void) {
    const char *std = student;
    printf("Hello, %s (in %s)\n", std, ex_current_name());
    return std;
}

void process_thread(const char *name) {
    student = name;
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

EX_SCENARIO(thread_local_shared_global,
            "seeds 000-003 ThreadLocal, with a plain global instead of threading.local (races)",
            scenario_main);
