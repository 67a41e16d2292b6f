/* loop_thread_unnamed: the tutorial's first program with a thread created without a name.
 * From seed 001 ("启动一个线程就是把一个函数传入并创建Thread实例", the paragraph after the
 * program: "名字仅仅在打印时用来显示，完全没有其他意义，如果不起名字Python就自动给线程命名为
 * Thread-1，Thread-2……" -- a name is only for printing; without one Python names threads
 * Thread-1, Thread-2, ...). The program of seeds 000-003, with `name=` left out:
 *
 *     t = threading.Thread(target=loop)
 *
 * The explorer names it as Python does: Thread-1. As loop_thread, exactly one outcome. */
#include <explorer/scenario.h>

/* 新线程执行的代码: (the code the new thread runs) */
void loop(void) {
    printf("thread %s is running...\n", ex_current_name());
    int n = 0;
    while (n < 5) {
        n = n + 1;
        printf("thread %s >>> %d\n", ex_current_name(), n);
        ex_sleep(1);
    }
    printf("thread %s ended.\n", ex_current_name());
}

static void scenario_main(void) {
    printf("thread %s is running...\n", ex_current_name());
    ex_thread *t = ex_thread_new(loop, EX_NO_ARGS, NULL); /* no name: Thread-1 */
    ex_thread_start(t);
    ex_thread_join(t);
    printf("thread %s ended.\n", ex_current_name());
}

EX_SCENARIO(loop_thread_unnamed,
            "seed 001 threading: LoopThread's program with an unnamed thread (prints Thread-1)",
            scenario_main);
