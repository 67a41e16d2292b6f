/* The scenario author's manual: Python's `threading` (and `_thread`, `time.sleep`) in C.
 *
 * A scenario is a small C program compiled with -fsanitize=thread at -O0 and loaded by the
 * explorer as a shared module. Every read and write of shared memory, every lock operation,
 * every print and every thread start/join/end is a scheduling point: the explorer decides
 * which thread moves next, and replays the program under every distinct interleaving.
 *
 *     #include <explorer/scenario.h>
 *
 *     static int balance;
 *     static ex_lock lock;                      // zero-initialised = a new, unlocked Lock()
 *     EX_PARAM(iterations, 100000, "loop iterations per thread");
 *
 *     static void run_thread(int n) { ... }
 *
 *     static void scenario_main(void) {
 *         ex_thread *t1 = ex_thread_new(run_thread, EX_ARGS(5), NULL);   // Thread-1
 *         ex_thread_start(t1);
 *         ex_thread_join(t1);
 *         printf("%d\n", balance);
 *         EX_CHECK(balance == 0);
 *     }
 *     EX_SCENARIO(balance_unlocked, "seed 001, Lock: ...", scenario_main);
 *
 * Rules of the game (docs/guide.md explains each):
 *   - Globals, the heap (malloc/calloc/realloc/free) and the output are reset before every
 *     execution; the scenario never resets anything itself.
 *   - printf/puts/putchar/vprintf are captured: each call is one `print` step.
 *   - Lock, RLock and local objects are plain structs: declare them `static`, zero-initialised.
 *   - Parameters (EX_PARAM) are read-only for the scenario; reading them is not a step.
 *   - Everything here is out of line (never `static inline`), so the header adds no steps.
 */
#ifndef EXPLORER_SCENARIO_H
#define EXPLORER_SCENARIO_H

#include "explorer/export.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Thread arguments: Python's `args=(5, "Alice")`, typed for libffi ------------------ */

typedef enum ex_arg_type {
    EX_ARG_INT,
    EX_ARG_LONG,
    EX_ARG_DOUBLE,
    EX_ARG_PTR,
    EX_ARG_STR
} ex_arg_type;

typedef struct ex_arg {
    ex_arg_type type;
    union {
        int i;
        long l;
        double d;
        void *p;
        const char *s; /* copied when the thread is created; alive for the thread's life */
    } v;
} ex_arg;

#define EX_MAX_ARGS 8

typedef struct ex_args {
    int count;
    ex_arg arg[EX_MAX_ARGS];
} ex_args;

/* The type of each argument follows its C type: `long` and `long long` (signed or not)
 * pass as `long`, other integers as `int`, floating point as `double`, strings (char *) are
 * copied, any other pointer passes as it is. EX_LONG(x) and EX_PTR(p) force a type. */
#define EX_ARG_OF(x)                                                                               \
    _Generic((x),                                                                              \
        ex_arg: ex_arg_same,                                                                   \
        char *: ex_arg_str,                                                                    \
        const char *: ex_arg_str,                                                              \
        double: ex_arg_double,                                                                 \
        float: ex_arg_double,                                                                  \
        _Bool: ex_arg_int,                                                                     \
        char: ex_arg_int,                                                                      \
        signed char: ex_arg_int,                                                               \
        unsigned char: ex_arg_int,                                                             \
        short: ex_arg_int,                                                                     \
        unsigned short: ex_arg_int,                                                            \
        int: ex_arg_int,                                                                       \
        unsigned: ex_arg_int,                                                                  \
        long: ex_arg_long,                                                                     \
        unsigned long: ex_arg_long,                                                            \
        long long: ex_arg_long,                                                                \
        unsigned long long: ex_arg_long,                                                       \
        default: ex_arg_ptr)(x)
#define EX_LONG(x) ex_arg_long(x)
#define EX_PTR(x) ex_arg_ptr((const void *)(x))

#define EX_ARGS_N_(_1, _2, _3, _4, _5, _6, _7, _8, N, ...) N
#define EX_ARGS_COUNT_(...) EX_ARGS_N_(__VA_ARGS__, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define EX_MAP1_(a) EX_ARG_OF(a)
#define EX_ARGS(...) ex_args_make(EX_ARGS_COUNT_(__VA_ARGS__), EX_ARGS_LIST_(__VA_ARGS__))
#define EX_ARGS_LIST_(...) EX_ARGS_SEL_(EX_ARGS_COUNT_(__VA_ARGS__), __VA_ARGS__)
#define EX_ARGS_SEL_(n, ...) EX_ARGS_CAT_(EX_ARGS_L, n)(__VA_ARGS__)
#define EX_ARGS_CAT_(a, b) EX_ARGS_CAT2_(a, b)
#define EX_ARGS_CAT2_(a, b) a##b
#define EX_ARGS_L1(a) EX_MAP1_(a)
#define EX_ARGS_L2(a, ...) EX_MAP1_(a), EX_ARGS_L1(__VA_ARGS__)
#define EX_ARGS_L3(a, ...) EX_MAP1_(a), EX_ARGS_L2(__VA_ARGS__)
#define EX_ARGS_L4(a, ...) EX_MAP1_(a), EX_ARGS_L3(__VA_ARGS__)
#define EX_ARGS_L5(a, ...) EX_MAP1_(a), EX_ARGS_L4(__VA_ARGS__)
#define EX_ARGS_L6(a, ...) EX_MAP1_(a), EX_ARGS_L5(__VA_ARGS__)
#define EX_ARGS_L7(a, ...) EX_MAP1_(a), EX_ARGS_L6(__VA_ARGS__)
#define EX_ARGS_L8(a, ...) EX_MAP1_(a), EX_ARGS_L7(__VA_ARGS__)
#define EX_NO_ARGS ex_args_make(0)

EX_API ex_arg ex_arg_int(long long value);
EX_API ex_arg ex_arg_long(long long value);
EX_API ex_arg ex_arg_double(double value);
EX_API ex_arg ex_arg_ptr(const void *value);
EX_API ex_arg ex_arg_str(const char *value);
EX_API ex_arg ex_arg_same(ex_arg value);
EX_API ex_args ex_args_make(int count, ...);

/* ---- threading.Thread ------------------------------------------------------------------ */

typedef struct ex_thread ex_thread;
typedef void (*ex_target)(void);

/* Thread(target=fn, args=args, name=name). `name` NULL gives Python's automatic name,
 * Thread-1, Thread-2, ... counted over unnamed threads in creation order. The target may be
 * any C function whose parameters match `args` (called through libffi); its result is
 * ignored. */
#define ex_thread_new(target, args, name) ex_thread_create((ex_target)(target), (args), (name))
EX_API ex_thread *ex_thread_create(ex_target target, ex_args args, const char *name);
EX_API void ex_thread_start(ex_thread *thread);
EX_API void ex_thread_join(ex_thread *thread);
/* join(timeout): returns when the thread ends or `timeout` virtual seconds pass. */
EX_API void ex_thread_join_timeout(ex_thread *thread, double timeout);
EX_API bool ex_thread_is_alive(const ex_thread *thread);
EX_API const char *ex_thread_name(const ex_thread *thread);
EX_API void ex_thread_set_name(ex_thread *thread, const char *name);
EX_API bool ex_thread_is_daemon(const ex_thread *thread);
EX_API void ex_thread_set_daemon(ex_thread *thread, bool daemon); /* before start(), as Python */
EX_API ex_thread *ex_current_thread(void);
EX_API ex_thread *ex_main_thread(void);
/* The current thread's name: threading.current_thread().name */
EX_API const char *ex_current_name(void);

/* ---- _thread, the low-level module ----------------------------------------------------- */

#define ex_start_new_thread(target, args) ex_start_new_thread_((ex_target)(target), (args))
EX_API ex_thread *ex_start_new_thread_(ex_target target, ex_args args);
/* _thread.exit(): ends the calling thread at once. */
EX_API _Noreturn void ex_thread_exit(void);

/* ---- time.sleep: virtual time ---------------------------------------------------------- */

/* Sleeps `seconds` of virtual time: the thread wakes when every other thread is blocked
 * and no earlier sleeper is due. Nothing ever waits for real. */
EX_API void ex_sleep(double seconds);
/* The virtual clock, in seconds since the execution started. */
EX_API double ex_time(void);

/* ---- threading.Lock and threading.RLock ------------------------------------------------ */

/* Zero-initialised is unlocked; the fields are the explorer's. */
typedef struct ex_lock {
    ex_thread *owner_;
    unsigned count_;
    unsigned kind_;
    const void *site_; /* where its owner took it */
} ex_lock;
typedef ex_lock ex_rlock;

EX_API bool ex_lock_acquire(ex_lock *lock); /* acquire(): blocks; returns true */
/* acquire(blocking, timeout): timeout < 0 waits forever; returns whether it was acquired. */
EX_API bool ex_lock_acquire_timeout(ex_lock *lock, bool blocking, double timeout);
EX_API void ex_lock_release(ex_lock *lock); /* releasing an unlocked Lock is reported as misuse */
EX_API bool ex_lock_locked(const ex_lock *lock);

EX_API bool ex_rlock_acquire(ex_rlock *lock);
EX_API bool ex_rlock_acquire_timeout(ex_rlock *lock, bool blocking, double timeout);
EX_API void ex_rlock_release(ex_rlock *lock); /* only by its owner, else reported as misuse */

/* _thread.allocate_lock() */
EX_API ex_lock *ex_allocate_lock(void);

/* ---- threading.Condition --------------------------------------------------------------- */

/* Zero-initialised: a Condition over its own RLock, as Condition() in Python. To share a
 * Lock or RLock, call ex_condition_use(&cond, &lock) before any thread uses it. */
typedef struct ex_condition {
    ex_lock own_lock_;
    ex_lock *lock_;
    uint64_t waiters_; /* bit per waiting thread */
} ex_condition;

EX_API void ex_condition_use(ex_condition *cond, ex_lock *lock);
EX_API void ex_condition_acquire(ex_condition *cond); /* `with cond:` */
EX_API void ex_condition_release(ex_condition *cond);
/* wait(): releases the lock, waits for a notify, takes the lock back. Waiting without the
 * lock is reported as misuse. */
EX_API void ex_condition_wait(ex_condition *cond);
/* wait(timeout): false when `timeout` virtual seconds passed without a notify. */
EX_API bool ex_condition_wait_timeout(ex_condition *cond, double timeout);
EX_API void ex_condition_notify(ex_condition *cond,
                                int n); /* wakes up to n waiters, oldest first */
EX_API void ex_condition_notify_all(ex_condition *cond);

/* ---- threading.Semaphore, threading.BoundedSemaphore ----------------------------------- */

typedef struct ex_semaphore {
    long value_;
    long bound_; /* BoundedSemaphore: the initial value; 0: unbounded */
} ex_semaphore;

#define EX_SEMAPHORE_INIT(value)                                                                   \
    { (value), 0 }
#define EX_BOUNDED_SEMAPHORE_INIT(value)                                                           \
    { (value), (value) }

EX_API bool ex_semaphore_acquire(ex_semaphore *sem);
/* acquire(blocking, timeout): timeout < 0 waits forever; returns whether it got one. */
EX_API bool ex_semaphore_acquire_timeout(ex_semaphore *sem, bool blocking, double timeout);
/* release(): past a BoundedSemaphore's initial value it is reported as misuse. */
EX_API void ex_semaphore_release(ex_semaphore *sem);

/* ---- threading.Event ------------------------------------------------------------------- */

typedef struct ex_event_flag {
    bool set_;
} ex_event_flag;

EX_API void ex_event_set(ex_event_flag *event);
EX_API void ex_event_clear(ex_event_flag *event);
EX_API bool ex_event_is_set(ex_event_flag *event); /* a read of the flag: a step */
EX_API void ex_event_wait(ex_event_flag *event);
EX_API bool ex_event_wait_timeout(ex_event_flag *event, double timeout); /* false: timed out */

/* ---- queue.Queue ----------------------------------------------------------------------- */

/* A FIFO of pointers built, as Python's, from one Lock and two Conditions: its steps are
 * theirs. Zero-initialised: unbounded; ex_queue_init sets a maximum size. Items live in the
 * explorer's per-execution memory. */
typedef struct ex_queue {
    ex_lock mutex_;
    ex_condition not_empty_, not_full_, all_done_;
    long maxsize_, count_, head_, capacity_, unfinished_;
    void **items_;
} ex_queue;

EX_API void ex_queue_init(ex_queue *q, long maxsize); /* before any thread uses it */
EX_API void ex_queue_put(ex_queue *q, void *item);    /* waits while full */
EX_API void *ex_queue_get(ex_queue *q);               /* waits while empty */
/* get(timeout): false when it stayed empty for `timeout` virtual seconds */
EX_API bool ex_queue_get_timeout(ex_queue *q, double timeout, void **item);
EX_API long ex_queue_qsize(ex_queue *q);
EX_API void ex_queue_task_done(ex_queue *q); /* more calls than items put is misuse */
EX_API void ex_queue_join(ex_queue *q);      /* waits until every item put is task_done */

/* ---- threading.local ------------------------------------------------------------------- */

/* A thread-local object with named attributes; zero-initialised is empty. Each thread sees
 * its own attributes. Reading an attribute the thread never set is reported as misuse
 * (Python's AttributeError). */
typedef struct ex_local {
    void *slots_;
} ex_local;

EX_API void ex_local_set(ex_local *local, const char *attribute, const void *value);
EX_API const void *ex_local_get(ex_local *local, const char *attribute);
EX_API bool ex_local_has(ex_local *local, const char *attribute);

/* ---- Checks: the property the explorer verifies in every interleaving ------------------ */

#define EX_CHECK(cond) ((cond) ? (void)0 : ex_check_failed(#cond, __FILE__, __LINE__))
EX_API _Noreturn void ex_check_failed(const char *expression, const char *file, int line);

/* ---- Parameters and the scenario descriptor -------------------------------------------- */

typedef struct ex_param {
    const char *name;
    const char *help;
    long default_value;
    long *value;
} ex_param;

/* Memory the explorer does not track: its reads and writes are not steps, and no
 * interleaving of them is explored. For data that is set before any thread starts and
 * only read afterwards, or that a single thread uses. Reset before every execution like
 * all globals. */
#define EX_UNTRACKED __attribute__((section("ex_untracked"), used))

/* Declares `static long NAME` (untracked), settable with `explorer run -p NAME=VALUE`. */
#define EX_PARAM(name_, default_, help_)                                                           \
    static long name_ EX_UNTRACKED = (default_);                                                   \
    static const ex_param ex_param_##name_                                                         \
        __attribute__((section("ex_params"), used)) = {#name_, (help_), (default_), &name_}

typedef struct ex_scenario {
    unsigned abi; /* EX_SCENARIO_ABI */
    const char *name;
    const char *summary;
    void (*main)(void);
    const ex_param *params_begin, *params_end;
    const char *untracked_begin, *untracked_end; /* EX_UNTRACKED memory */
} ex_scenario;

#define EX_SCENARIO_ABI 1u

extern const ex_param __start_ex_params[] __attribute__((weak, visibility("hidden")));
extern const ex_param __stop_ex_params[] __attribute__((weak, visibility("hidden")));
extern const char __start_ex_untracked[] __attribute__((weak, visibility("hidden")));
extern const char __stop_ex_untracked[] __attribute__((weak, visibility("hidden")));

/* One per scenario module. `main_fn` is the MainThread's code. */
#define EX_SCENARIO(name_, summary_, main_fn)                                                      \
    const ex_scenario explorer_scenario = {                                                        \
        EX_SCENARIO_ABI,   #name_,           (summary_),           (main_fn),                      \
        __start_ex_params, __stop_ex_params, __start_ex_untracked, __stop_ex_untracked}

#ifdef __cplusplus
}
#endif
#endif
