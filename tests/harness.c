/* The tests' shared helpers and the brute-force model (see harness.h). */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- modules and searches ------------------------------------------------------------- */

static ex_module *open_path(const char *path) {
    char err[512] = "";
    ex_module *m = ex_module_open(path, err, sizeof err);
    if (!m)
        fail_msg("cannot open %s: %s", path, err);
    return m;
}

ex_module *open_test_scenario(const char *name) {
    char path[512];
    snprintf(path, sizeof path, "%s/test_%s.so", TEST_SCENARIO_DIR, name);
    return open_path(path);
}

ex_module *open_tutorial_scenario(const char *name) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s.so", SCENARIO_DIR, name);
    return open_path(path);
}

void set_param(ex_module *m, const char *name, const char *value) {
    char err[512] = "";
    if (!ex_module_set_param(m, name, value, err, sizeof err))
        fail_msg("cannot set %s=%s: %s", name, value, err);
}

ex_options test_options(ex_strategy_kind strategy) {
    ex_options o = ex_options_default();
    o.strategy = strategy;
    o.time_limit = 0;
    return o;
}

ex_result *explore(ex_module *m, const ex_options *options) {
    ex_result *r = ex_explore(m, options);
    assert_non_null(r);
    if (r->error)
        fail_msg("the search did not run: %s", r->error);
    return r;
}

ex_result *explore_with(ex_module *m, ex_strategy_kind strategy, const char *name,
                        const char *value) {
    if (name)
        set_param(m, name, value);
    ex_options o = test_options(strategy);
    return explore(m, &o);
}

static void print_outcomes(const ex_result *r) {
    print_message("%s: %zu outcomes in %llu executions (strategy %s):\n", r->scenario,
                  r->outcome_count, (unsigned long long)r->executions, ex_search_name(r->strategy));
    for (size_t i = 0; i < r->outcome_count; i++)
        print_message("  [%s] x%llu %s\n  output: \"%s\"\n", ex_status_name(r->outcomes[i].status),
                      (unsigned long long)r->outcomes[i].count, r->outcomes[i].status_text,
                      r->outcomes[i].output);
}

const ex_outcome *find_outcome(const ex_result *r, const char *output, ex_status status) {
    for (size_t i = 0; i < r->outcome_count; i++)
        if (r->outcomes[i].status == status && strcmp(r->outcomes[i].output, output) == 0)
            return &r->outcomes[i];
    return NULL;
}

void assert_outcomes(const ex_result *r, const expected *want, size_t n) {
    uint64_t total = 0;
    for (size_t i = 0; i < r->outcome_count; i++)
        total += r->outcomes[i].count;
    assert_int_equal(total, r->executions);
    for (size_t i = 0; i < n; i++) {
        const ex_outcome *o = find_outcome(r, want[i].output, want[i].status);
        if (!o) {
            print_outcomes(r);
            fail_msg("missing outcome [%s] \"%s\"", ex_status_name(want[i].status), want[i].output);
        }
        assert_string_equal(o->status_text, want[i].status_text);
    }
    if (r->outcome_count != n)
        print_outcomes(r);
    assert_int_equal(r->outcome_count, n);
}

void assert_replays(ex_module *m, const ex_result *r, const ex_options *options) {
    ex_options o = options ? *options : test_options(EX_STRATEGY_DFS);
    assert_true(r->outcome_count > 0);
    for (size_t i = 0; i < r->outcome_count; i++) {
        const ex_outcome *want = &r->outcomes[i];
        if (want->steps == 0)
            assert_schedule(want->schedule, "");
        ex_result *rr = ex_replay(m, want->schedule, &o);
        if (rr->error)
            fail_msg("replay of %s failed: %s", want->schedule, rr->error);
        assert_int_equal(rr->executions, 1);
        assert_int_equal(rr->outcome_count, 1);
        const ex_outcome *got = &rr->outcomes[0];
        assert_string_equal(got->output, want->output);
        assert_int_equal(got->status, want->status);
        assert_string_equal(got->status_text, want->status_text);
        assert_int_equal(got->steps, want->steps);
        assert_int_equal(got->preemptions, want->preemptions);
        assert_string_equal(got->schedule, want->schedule);
        assert_int_equal(rr->violated, ex_status_is_violation(want->status));
        ex_result_free(rr);
    }
}

void assert_scenario_with(const ex_options *options, const char *name, const char *param,
                          const char *value, const expected *want, size_t n) {
    static const ex_strategy_kind strategies[] = {EX_STRATEGY_DFS, EX_STRATEGY_DPOR};
    bool violated = false;
    bool cut = false; /* an outcome that leaves the search incomplete names the stop */
    ex_stop_reason stop = EX_STOP_NONE;
    for (size_t i = 0; i < n; i++) {
        violated |= ex_status_is_violation(want[i].status);
        if (ex_status_is_incomplete(want[i].status)) {
            cut = true;
            stop = want[i].status == EX_STATUS_STEP_LIMIT ? EX_STOP_STEP_LIMIT
                   : want[i].status == EX_STATUS_RUNAWAY  ? EX_STOP_RUNAWAY
                                                          : EX_STOP_UNSUPPORTED;
        }
    }
    for (size_t s = 0; s < sizeof strategies / sizeof strategies[0]; s++) {
        ex_module *m = open_test_scenario(name);
        if (param)
            set_param(m, param, value);
        ex_options o = options ? *options : test_options(strategies[s]);
        o.strategy = strategies[s];
        ex_result *r = explore(m, &o);
        assert_int_equal(r->complete, !cut);
        assert_int_equal(r->stopped_by, stop);
        assert_int_equal(r->violated, violated);
        assert_int_equal(r->strategy,
                         strategies[s] == EX_STRATEGY_DFS ? EX_SEARCH_DFS : EX_SEARCH_DPOR);
        assert_outcomes(r, want, n);
        assert_replays(m, r, options ? &o : NULL);
        ex_result_free(r);
        ex_module_close(m);
    }
}

void assert_scenario(const char *name, const char *param, const char *value, const expected *want,
                     size_t n) {
    assert_scenario_with(NULL, name, param, value, want, n);
}

void assert_schedule(const char *schedule, const char *runs) {
    size_t n = strlen(runs);
    bool tagged = strncmp(schedule, "v1.", 3) == 0 &&
                  strspn(schedule + 3, "0123456789abcdef") == 4 && schedule[7] == ':';
    if (!tagged || strncmp(schedule + 8, runs, n) != 0 ||
        (schedule[8 + n] != '\0' && strncmp(schedule + 8 + n, "/s=", 3) != 0))
        fail_msg("schedule %s is not v1.CCCC:%s", schedule, runs);
}

char *schedule_prefix(ex_module *m) {
    ex_options o = test_options(EX_STRATEGY_DFS);
    o.max_executions = 1;
    ex_result *r = explore(m, &o);
    assert_int_equal(r->outcome_count, 1);
    const char *colon = strchr(r->outcomes[0].schedule, ':');
    assert_non_null(colon);
    char *prefix = strndup(r->outcomes[0].schedule, (size_t)(colon + 1 - r->outcomes[0].schedule));
    ex_result_free(r);
    return prefix;
}

char *make_schedule(ex_module *m, const char *runs) {
    char *prefix = schedule_prefix(m), *schedule = NULL;
    assert_true(asprintf(&schedule, "%s%s", prefix, runs) > 0);
    free(prefix);
    return schedule;
}

int source_line(const char *dir, const char *file, const char *needle) {
    char path[512], line[512];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot read %s", path);
    int number = 0, found = 0;
    while (fgets(line, sizeof line, f)) {
        number++;
        if (strstr(line, needle)) {
            if (found)
                fail_msg("%s is on lines %d and %d of %s", needle, found, number, path);
            found = number;
        }
    }
    fclose(f);
    if (!found)
        fail_msg("no %s in %s", needle, path);
    return found;
}

char *check_text(const char *dir, const char *file, const char *expr, const char *thread) {
    char needle[256];
    snprintf(needle, sizeof needle, "EX_CHECK(%s);", expr);
    int line = source_line(dir, file, needle);
    char *text = NULL;
    assert_true(asprintf(&text, "check failed: %s (%s:%d, in %s)", expr, file, line, thread) > 0);
    return text;
}

char *with_lines(const char *dir, const char *file, const char *template) {
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    for (const char *p = template; *p; p++) {
        const char *end = *p == '{' ? strchr(p, '}') : NULL;
        if (!end) {
            fputc(*p, f);
            continue;
        }
        char needle[128];
        snprintf(needle, sizeof needle, "/* %.*s */", (int)(end - p - 1), p + 1);
        fprintf(f, "%s:%d", file, source_line(dir, file, needle));
        p = end;
    }
    fclose(f);
    return out;
}

/* ---- the brute-force model ------------------------------------------------------------ */

void m_add(m_program *p, int t, m_kind kind, int arg, int value, const char *text) {
    assert_true(t < M_THREADS);
    m_thread *th = &p->thread[t];
    assert_true(th->count < M_OPS);
    th->op[th->count++] = (m_op){kind, arg, value, text};
    if (t >= p->threads)
        p->threads = t + 1;
}

typedef struct m_state {
    uint8_t pc[M_THREADS];
    bool started[M_THREADS];
    int reg[M_THREADS];
    int var[M_VARS];
    int owner[M_LOCKS]; /* -1: free */
    size_t out_len;
} m_state;

typedef struct m_search {
    const m_program *p;
    m_result *r;
    char out[M_OUTPUT]; /* the current path's output: a state owns out[0, out_len) */
} m_search;

static bool finished(const m_search *s, const m_state *st, int t) {
    return st->pc[t] == s->p->thread[t].count;
}

static bool may_move(const m_search *s, const m_state *st, int t) {
    if ((t != 0 && !st->started[t]) || finished(s, st, t))
        return false;
    const m_op *op = &s->p->thread[t].op[st->pc[t]];
    switch (op->kind) {
    case M_JOIN:
        return finished(s, st, op->arg);
    case M_ACQUIRE:
        return st->owner[op->arg] < 0;
    case M_EXIT:
        for (int u = 1; u < s->p->threads; u++)
            if (st->started[u] && !finished(s, st, u) && !s->p->thread[u].daemon)
                return false;
        return true;
    default:
        return true;
    }
}

static void append(m_search *s, m_state *st, const char *text) {
    size_t n = strlen(text);
    assert_true(st->out_len + n < M_OUTPUT);
    memcpy(s->out + st->out_len, text, n);
    st->out_len += n;
}

/* Performs thread t's next step; returns the status that ends the execution, or -1. */
static int m_step(m_search *s, m_state *st, int t) {
    const m_op *op = &s->p->thread[t].op[st->pc[t]++];
    char number[32];
    switch (op->kind) {
    case M_START:
        st->started[op->arg] = true;
        break;
    case M_ACQUIRE:
        st->owner[op->arg] = t;
        break;
    case M_RELEASE:
        st->owner[op->arg] = -1;
        break;
    case M_READ:
        st->reg[t] = st->var[op->arg];
        break;
    case M_WRITE:
        st->var[op->arg] = st->reg[t] + op->value;
        break;
    case M_ADD:
        st->var[op->arg] += op->value;
        break;
    case M_PRINT:
        append(s, st, op->text);
        break;
    case M_PRINT_REG:
        snprintf(number, sizeof number, "%d\n", st->reg[t]);
        append(s, st, number);
        break;
    case M_CHECK:
        if (st->var[op->arg] != op->value)
            return EX_STATUS_CHECK_FAILED;
        break;
    case M_EXIT:
        return EX_STATUS_OK;
    default: /* BEGIN, END, JOIN: nothing changes but the program counter */
        break;
    }
    return -1;
}

static void m_record(m_search *s, const m_state *st, uint64_t steps, ex_status status) {
    m_result *r = s->r;
    char output[M_OUTPUT];
    memcpy(output, s->out, st->out_len);
    output[st->out_len] = '\0';
    r->executions++;
    r->steps += steps;
    if (steps > r->max_depth)
        r->max_depth = steps;
    for (size_t i = 0; i < r->count; i++) {
        if (r->outcome[i].status == status && strcmp(r->outcome[i].output, output) == 0) {
            r->outcome[i].count++;
            return;
        }
    }
    assert_true(r->count < M_OUTCOMES);
    m_outcome *o = &r->outcome[r->count++];
    memcpy(o->output, output, sizeof output);
    o->status = status;
    o->count = 1;
}

static void m_visit(m_search *s, const m_state *st, uint64_t depth) {
    bool moved = false;
    for (int t = 0; t < s->p->threads; t++) {
        if (!may_move(s, st, t))
            continue;
        moved = true;
        m_state next = *st;
        int end = m_step(s, &next, t);
        if (end >= 0)
            m_record(s, &next, depth + 1, (ex_status)end);
        else
            m_visit(s, &next, depth + 1);
    }
    if (!moved) /* MainThread always ends with EXIT: nobody can move and it has not */
        m_record(s, st, depth, EX_STATUS_DEADLOCK);
}

void m_explore(const m_program *p, m_result *r) {
    memset(r, 0, sizeof *r);
    m_search s = {.p = p, .r = r};
    m_state st;
    memset(&st, 0, sizeof st);
    memcpy(st.var, p->init, sizeof st.var);
    for (int l = 0; l < M_LOCKS; l++)
        st.owner[l] = -1;
    m_visit(&s, &st, 0);
}

static void assert_model_outcomes(const ex_result *r, const m_result *model, bool counts) {
    for (size_t i = 0; i < model->count; i++) {
        const m_outcome *want = &model->outcome[i];
        const ex_outcome *o = find_outcome(r, want->output, want->status);
        if (!o) {
            print_outcomes(r);
            fail_msg("missing outcome [%s] \"%s\" (the model reaches it %llu times)",
                     ex_status_name(want->status), want->output, (unsigned long long)want->count);
        }
        if (counts && o->count != want->count) {
            print_outcomes(r);
            fail_msg("outcome [%s] \"%s\": %llu executions, the model %llu",
                     ex_status_name(want->status), want->output, (unsigned long long)o->count,
                     (unsigned long long)want->count);
        }
    }
    if (r->outcome_count != model->count)
        print_outcomes(r);
    assert_int_equal(r->outcome_count, model->count);
}

void assert_dfs_matches_model(const ex_result *r, const m_result *model) {
    assert_int_equal(r->strategy, EX_SEARCH_DFS);
    assert_true(r->complete);
    assert_int_equal(r->restarts, 0);
    assert_int_equal(r->executions, model->executions);
    assert_int_equal(r->steps, model->steps);
    assert_int_equal(r->max_depth, model->max_depth);
    assert_model_outcomes(r, model, true);
}

void assert_same_outcomes_as_model(const ex_result *r, const m_result *model) {
    assert_model_outcomes(r, model, false);
}

void balance_program(m_program *p, int iterations, balance_lock lock) {
    enum { BALANCE = 0, LOCK = 0 };
    const int n[3] = {0, 5, 8};
    memset(p, 0, sizeof *p);
    m_add(p, 0, M_START, 1, 0, NULL);
    m_add(p, 0, M_START, 2, 0, NULL);
    m_add(p, 0, M_JOIN, 1, 0, NULL);
    m_add(p, 0, M_JOIN, 2, 0, NULL);
    m_add(p, 0, M_READ, BALANCE, 0, NULL);
    m_add(p, 0, M_PRINT_REG, 0, 0, NULL);
    m_add(p, 0, M_CHECK, BALANCE, 0, NULL);
    m_add(p, 0, M_EXIT, 0, 0, NULL);
    for (int t = 1; t <= 2; t++) {
        m_add(p, t, M_BEGIN, 0, 0, NULL);
        if (lock == LOCK_WHOLE_LOOP)
            m_add(p, t, M_ACQUIRE, LOCK, 0, NULL);
        for (int i = 0; i < iterations; i++) {
            if (lock == LOCK_EACH_ITERATION)
                m_add(p, t, M_ACQUIRE, LOCK, 0, NULL);
            m_add(p, t, M_READ, BALANCE, 0, NULL);
            m_add(p, t, M_WRITE, BALANCE, n[t], NULL);
            m_add(p, t, M_READ, BALANCE, 0, NULL);
            m_add(p, t, M_WRITE, BALANCE, -n[t], NULL);
            if (lock == LOCK_EACH_ITERATION)
                m_add(p, t, M_RELEASE, LOCK, 0, NULL);
        }
        if (lock == LOCK_WHOLE_LOOP)
            m_add(p, t, M_RELEASE, LOCK, 0, NULL);
        m_add(p, t, M_END, 0, 0, NULL);
    }
}

void assert_balance_outcomes(const ex_result *r, const char *file) {
    char *failed = check_text(SCENARIO_SOURCE_DIR, file, "balance == 0", "MainThread");
    for (size_t i = 0; i < r->outcome_count; i++) {
        const ex_outcome *o = &r->outcomes[i];
        char *end;
        long b = strtol(o->output, &end, 10);
        assert_string_equal(end, "\n");
        assert_int_equal(o->status, b == 0 ? EX_STATUS_OK : EX_STATUS_CHECK_FAILED);
        assert_string_equal(o->status_text, b == 0 ? "ok" : failed);
    }
    free(failed);
}
