/* random_program: a small concurrent program generated from `-p seed=N`, for checking
 * partial-order reduction against brute force (test_dpor_random.c).
 *
 * 2-4 threads, 1-3 shared variables, 0-2 locks, a few operations per thread: read a
 * variable into the thread's register, write register + constant, or a lock-protected
 * section of one or two such accesses; with `features`, also virtual-time sleeps, a
 * semaphore section, setting or (timed) waiting on an event, a (timed) condition wait or a
 * notify under its lock, copies of all the variables at once, a section under a lock taken
 * with a timeout (held over a sleep), and a daemon thread. Main starts every thread, joins
 * every thread (but the daemon) and prints the variables and every value each thread read. The
 * program itself lives in untracked memory, so only the variables, locks, thread operations and the
 * print are steps. */
#include <explorer/scenario.h>

EX_PARAM(seed, 1, "which program (any positive number)");
EX_PARAM(max_ops, 3, "operations per thread at most");
EX_PARAM(max_threads, 3, "threads at most (2-4)");
EX_PARAM(features, 0,
         "extra operations: 1 sleeps, 2 semaphore, 4 event (timed wait), 8 condition, 16 wide "
         "copies, 32 timed lock sections, 64 a daemon thread main does not join, 128 a check "
         "in a thread that fails on one value of its register");

enum { MAX_THREADS = 4, MAX_OPS = 8, MAX_VARS = 3, MAX_LOCKS = 2 };
enum op_kind {
    OP_READ,
    OP_WRITE,
    OP_LOCK,
    OP_UNLOCK,
    OP_SLEEP,
    OP_SEM_ACQUIRE,
    OP_SEM_RELEASE,
    OP_EVENT_SET,
    OP_EVENT_WAIT,
    OP_COND_WAIT,
    OP_COND_NOTIFY,
    OP_SAVE,
    OP_RESTORE,
    OP_TIMED_LOCK, /* a section under a lock taken with a 1 s timeout, skipped if it fails */
    OP_CHECK       /* EX_CHECK(register != constant): a thread's failure ends the execution */
};

typedef struct op {
    int kind, target, constant;
} op;

typedef struct program {
    int threads, vars, locks;
    int count[MAX_THREADS];
    op ops[MAX_THREADS][MAX_OPS];
} program;

typedef struct bank { /* 40 bytes: a copy spans five 8-byte blocks, the variables the last 3 */
    long pad[2];
    long v[MAX_VARS];
} bank;

bank shared; /* the variables, copied as a whole by OP_SAVE / OP_RESTORE */
bank saved[MAX_THREADS];
ex_lock locks[MAX_LOCKS];
ex_semaphore sem = EX_SEMAPHORE_INIT(1);
ex_event_flag flag;
ex_lock cond_lock;
ex_condition cond;
static program prog EX_UNTRACKED;
static long seen[MAX_THREADS][MAX_OPS] EX_UNTRACKED;
static int seen_count[MAX_THREADS] EX_UNTRACKED;
static unsigned long long rng EX_UNTRACKED;

static int roll(int n) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (int)(rng % (unsigned long long)n);
}

static void add(int t, int kind, int target, int constant) {
    prog.ops[t][prog.count[t]++] = (op){kind, target, constant};
}

static void add_access(int t) {
    if (roll(2))
        add(t, OP_READ, roll(prog.vars), 0);
    else
        add(t, OP_WRITE, roll(prog.vars), 1 + roll(9));
}

/* One of the operations `features` allows, or a plain access. */
static void add_feature(int t, int room) {
    /* (programs without 32 or 128 stay as they were) */
    int pick = roll(features & 128 ? 7 : features & 32 ? 6 : 5);
    if (pick == 0 && (features & 1)) {
        add(t, OP_SLEEP, 0, roll(3)); /* 0, 1 or 2 virtual seconds */
    } else if (pick == 1 && (features & 2) && room >= 2) {
        add(t, OP_SEM_ACQUIRE, 0, 0);
        add(t, OP_SEM_RELEASE, 0, 0);
    } else if (pick == 2 && (features & 4)) {
        add(t, roll(2) ? OP_EVENT_SET : OP_EVENT_WAIT, 0, 0);
    } else if (pick == 3 && (features & 8)) {
        add(t, roll(2) ? OP_COND_WAIT : OP_COND_NOTIFY, 0, 0);
    } else if (pick == 4 && (features & 16)) { /* a 24-byte read or write: wide steps */
        add(t, roll(2) ? OP_SAVE : OP_RESTORE, 0, 0);
    } else if (pick == 5 && prog.locks) {
        add(t, OP_TIMED_LOCK, roll(prog.locks), 1 + roll(9));
    } else if (pick == 6 && (features & 128)) {
        add(t, OP_CHECK, 0, 1 + roll(9));
    } else {
        add_access(t);
    }
}

static void generate(void) {
    rng = 0x9E3779B97F4A7C15ull ^ (unsigned long long)seed * 0xBF58476D1CE4E5B9ull;
    int most = max_threads < 2 ? 2 : max_threads > MAX_THREADS ? MAX_THREADS : (int)max_threads;
    int ops = max_ops < 1 ? 1 : max_ops > MAX_OPS - 2 ? MAX_OPS - 2 : (int)max_ops;
    prog.threads = 2 + roll(most - 1);
    prog.vars = 1 + roll(MAX_VARS);
    prog.locks = roll(MAX_LOCKS + 1);
    for (int t = 0; t < prog.threads; t++) {
        int n = 1 + roll(ops);
        while (prog.count[t] < n) {
            if (prog.locks && roll(3) == 0 && prog.count[t] + 3 <= ops + 2) {
                int l = roll(prog.locks);
                add(t, OP_LOCK, l, 0);
                add_access(t);
                if (roll(2))
                    add_access(t);
                add(t, OP_UNLOCK, l, 0);
            } else if (features && roll(2)) {
                add_feature(t, ops + 2 - prog.count[t]);
            } else {
                add_access(t);
            }
        }
    }
}

/* What a thread read stays in its own locals (its stack: no step) until it ends, so that
 * two states that differ only there are told apart by what each thread saw -- the stateful
 * search must not merge them. */
void worker(int t) {
    long reg = 0, mine[MAX_OPS];
    int n = 0;
    for (int i = 0; i < prog.count[t]; i++) {
        const op *o = &prog.ops[t][i];
        switch (o->kind) {
        case OP_READ:
            reg = shared.v[o->target];
            mine[n++] = reg;
            break;
        case OP_WRITE:
            shared.v[o->target] = reg + o->constant;
            break;
        case OP_LOCK:
            ex_lock_acquire(&locks[o->target]);
            break;
        case OP_UNLOCK:
            ex_lock_release(&locks[o->target]);
            break;
        case OP_SLEEP:
            ex_sleep(o->constant);
            break;
        case OP_SEM_ACQUIRE:
            ex_semaphore_acquire(&sem);
            break;
        case OP_SEM_RELEASE:
            ex_semaphore_release(&sem);
            break;
        case OP_EVENT_SET:
            ex_event_set(&flag);
            break;
        case OP_EVENT_WAIT: /* a timed wait: it may give up after 1 virtual second */
            mine[n++] = ex_event_wait_timeout(&flag, 1);
            break;
        case OP_COND_WAIT: /* with cond_lock held; gives up after 1 virtual second */
            ex_lock_acquire(&cond_lock);
            mine[n++] = ex_condition_wait_timeout(&cond, 1);
            ex_lock_release(&cond_lock);
            break;
        case OP_SAVE:
            saved[t] = shared;
            break;
        case OP_RESTORE:
            shared = saved[t];
            break;
        case OP_TIMED_LOCK: /* holds it over a sleep, so a waiter can time out */
            mine[n] = ex_lock_acquire_timeout(&locks[o->target], true, 1);
            if (mine[n++]) {
                shared.v[0] = reg + o->constant;
                ex_sleep(1);
                ex_lock_release(&locks[o->target]);
            }
            break;
        case OP_CHECK:
            EX_CHECK(reg != o->constant);
            break;
        default:
            ex_lock_acquire(&cond_lock);
            ex_condition_notify(&cond, 1);
            ex_lock_release(&cond_lock);
        }
    }
    for (int i = 0; i < n; i++)
        seen[t][i] = mine[i];
    seen_count[t] = n;
}

static void scenario_main(void) {
    ex_thread *threads[MAX_THREADS];
    generate();
    ex_condition_use(&cond, &cond_lock);
    int joined = features & 64 ? prog.threads - 1 : prog.threads; /* the last: a daemon */
    for (int t = 0; t < prog.threads; t++) {
        threads[t] = ex_thread_new(worker, EX_ARGS(t), NULL);
        ex_thread_set_daemon(threads[t], t >= joined);
    }
    for (int t = 0; t < prog.threads; t++)
        ex_thread_start(threads[t]);
    for (int t = 0; t < joined; t++)
        ex_thread_join(threads[t]);
    char line[256];
    int len = 0;
    for (int v = 0; v < prog.vars; v++)
        len += snprintf(line + len, sizeof line - (size_t)len, "v%d=%ld ", v, shared.v[v]);
    for (int t = 0; t < joined; t++) /* (the daemon's reads are untracked: not printed) */
        for (int i = 0; i < seen_count[t]; i++)
            len += snprintf(line + len, sizeof line - (size_t)len, "t%d.%d=%ld ", t, i, seen[t][i]);
    printf("%s\n", line);
}

EX_SCENARIO(random_program, "test: a random small program from -p seed=N (DPOR validation)",
            scenario_main);
