/* global_dict: seed 001's global dict keyed by the current thread.
 * From seed 001, section "ThreadLocal" ("如果用一个全局dict存放所有的Student对象，然后以
 * thread自身作为key获得线程对应的Student对象如何？" -- what about one global dict holding
 * every Student, with the thread itself as the key?):
 *
 *     global_dict = {}
 *     def std_thread(name):
 *         std = Student(name)
 *         global_dict[threading.current_thread()] = std
 *         do_task_1()
 *         do_task_2()
 *     def do_task_1():
 *         std = global_dict[threading.current_thread()]
 *         ...
 *
 * The seed shows no threads and no output: here two unnamed threads (Thread-1, Thread-2)
 * run std_thread('Alice') and std_thread('Bob'), and each task prints the student it found.
 *
 * Atomicity modelled. In CPython `global_dict[key] = std` and `global_dict[key]` are each
 * one bytecode on a dict, atomic under the GIL. The C port's dict is a small array map
 * keyed by the thread pointer, and its insert is several steps: read the length, write the
 * key, write the value, write the new length. The C port makes each dict operation atomic
 * the way the GIL does, with a lock (`gil`) around each insert and each lookup: the
 * default, -p gil=1. Then every interleaving finds each thread's own student (holds).
 * With -p gil=0 the dict operations are unprotected and the C port races: two inserts read
 * the same length and write the same slot, so one thread's entry is lost (its lookup fails:
 * Python's KeyError) or holds the other thread's student. So seed 001's "理论上是可行的"
 * (feasible in theory) relies on the GIL in Python, and on a lock in C. Seed 004
 * ("### threadlocal", "1.全局字典") says as much: "使用threading.lock" (use threading.lock). */
#include <explorer/scenario.h>

#include <stdlib.h>

EX_PARAM(gil, 1, "1: each dict operation is atomic (a lock, as the GIL); 0: no lock (races)");

typedef struct Student {
    const char *name;
} Student;

/* global_dict = {}: at most 8 entries, keyed by thread */
typedef struct entry {
    ex_thread *key;
    Student *value;
} entry;
entry global_dict[8];
int global_dict_len;
ex_lock dict_lock; /* stands for the GIL's atomicity of one dict operation */

/* global_dict[key] = value */
void dict_setitem(ex_thread *key, Student *value) {
    if (gil)
        ex_lock_acquire(&dict_lock);
    int i = 0, n = global_dict_len;
    while (i < n && global_dict[i].key != key)
        i++;
    global_dict[i].key = key;
    global_dict[i].value = value;
    if (i == n)
        global_dict_len = n + 1;
    if (gil)
        ex_lock_release(&dict_lock);
}

/* global_dict[key]; NULL where Python raises KeyError */
Student *dict_getitem(ex_thread *key) {
    if (gil)
        ex_lock_acquire(&dict_lock);
    Student *value = NULL;
    int n = global_dict_len;
    for (int i = 0; i < n; i++)
        if (global_dict[i].key == key)
            value = global_dict[i].value;
    if (gil)
        ex_lock_release(&dict_lock);
    return value;
}

/* 不传入std，而是根据当前线程查找：(no std passed in: look it up by the current thread) */
Student *do_task_1(void) {
    Student *std = dict_getitem(ex_current_thread());
    EX_CHECK(std != NULL); /* KeyError in do_task_1 */
    printf("do_task_1: %s (in %s)\n", std->name, ex_current_name());
    return std;
}

/* 任何函数都可以查找出当前线程的std变量：(any function can find the thread's std) */
Student *do_task_2(void) {
    Student *std = dict_getitem(ex_current_thread());
    EX_CHECK(std != NULL); /* KeyError in do_task_2 */
    printf("do_task_2: %s (in %s)\n", std->name, ex_current_name());
    return std;
}

void std_thread(const char *name) {
    Student *std = malloc(sizeof *std); /* std = Student(name) */
    std->name = name;
    /* 把std放到全局变量global_dict中：(put std into the global dict) */
    dict_setitem(ex_current_thread(), std);
    Student *found1 = do_task_1();
    Student *found2 = do_task_2();
    EX_CHECK(found1 == std && found2 == std); /* each task found this thread's student */
}

static void scenario_main(void) {
    ex_thread *t1 = ex_thread_new(std_thread, EX_ARGS("Alice"), NULL);
    ex_thread *t2 = ex_thread_new(std_thread, EX_ARGS("Bob"), NULL);
    ex_thread_start(t1);
    ex_thread_start(t2);
    ex_thread_join(t1);
    ex_thread_join(t2);
}

EX_SCENARIO(global_dict,
            "seed 001 ThreadLocal: a global dict keyed by current_thread() (holds with gil=1)",
            scenario_main);
