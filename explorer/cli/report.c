/* Printing results: the human summary and the --json document of `explorer run` and
 * `explorer replay`. */
#include "report.h"

#include "exit_codes.h"

#include <signal.h>
#include <string.h>

static void print_params(FILE *out, const ex_module *m, const char *open, const char *sep,
                         const char *close) {
    size_t n = ex_module_param_count(m);
    if (!n)
        return;
    fputs(open, out);
    for (size_t i = 0; i < n; i++) {
        long value;
        const char *name = ex_module_param(m, i, NULL, NULL, &value);
        fprintf(out, "%s%s=%ld", i ? sep : "", name, value);
    }
    fputs(close, out);
}

static void print_replay_command(FILE *out, const ex_module *m, const char *schedule) {
    fprintf(out, "explorer replay %s %s", ex_module_name(m), schedule);
    size_t n = ex_module_param_count(m);
    for (size_t i = 0; i < n; i++) {
        long value, def;
        const char *name = ex_module_param(m, i, NULL, &def, &value);
        if (value != def)
            fprintf(out, " -p %s=%ld", name, value);
    }
    fputc('\n', out);
}

/* A line of output; a NUL byte shows as \0. */
static void print_bytes(FILE *out, const char *p, size_t len) {
    for (size_t i = 0; i < len; i++)
        if (p[i])
            fputc(p[i], out);
        else
            fputs("\\0", out);
}

static void print_output_block(FILE *out, const char *output, size_t length) {
    if (!length) {
        fputs("      output   (nothing printed)\n", out);
        return;
    }
    const char *label = "      output   | ", *stop = output + length;
    for (const char *line = output; line < stop;) {
        const char *end = memchr(line, '\n', (size_t)(stop - line));
        size_t len = end ? (size_t)(end - line) : (size_t)(stop - line);
        fputs(label, out);
        print_bytes(out, line, len);
        fprintf(out, "%s\n", end ? "" : "  (no newline at end)");
        label = "               | ";
        line += len + (end ? 1 : 0);
    }
}

static const char *plural(uint64_t n, const char *one, const char *many) {
    return n == 1 ? one : many;
}

/* Why the search stopped early, or `otherwise` when nothing stopped it. */
static const char *stop_text(const ex_result *r, const char *otherwise) {
    return r->stopped_by != EX_STOP_NONE ? ex_stop_reason_name(r->stopped_by) : otherwise;
}

static void print_verdict(FILE *out, const ex_module *m, const ex_result *r) {
    if (r->violated) {
        fprintf(out, "verdict: VIOLATED -- %llu of %llu %s ended in a violation.\n",
                (unsigned long long)r->violations, (unsigned long long)r->executions,
                plural(r->executions, "execution", "executions"));
        if (!r->complete)
            fprintf(out, "         (the search was not exhaustive: other outcomes may exist)\n");
        for (size_t i = 0; i < r->outcome_count; i++) {
            if (!ex_status_is_violation(r->outcomes[i].status))
                continue;
            fprintf(out, "witness: outcome #%zu, %u %s, %llu %s. Replay it with:\n  ", i + 1,
                    r->outcomes[i].preemptions,
                    plural(r->outcomes[i].preemptions, "preemption", "preemptions"),
                    (unsigned long long)r->outcomes[i].steps,
                    plural(r->outcomes[i].steps, "step", "steps"));
            print_replay_command(out, m, r->outcomes[i].schedule);
            break;
        }
    } else if (r->complete) {
        fprintf(out,
                "verdict: HOLDS -- every interleaving was explored (%llu %s) and none "
                "ends in a violation.\n",
                (unsigned long long)r->executions,
                plural(r->executions, "execution", "executions"));
    } else if (r->bound_exhausted) {
        fprintf(out,
                "verdict: HOLDS WITHIN THE BOUND -- every schedule with at most %d %s was "
                "explored and none ends in a violation; schedules with more were not: this is "
                "not a proof for every interleaving.\n",
                r->preemption_bound,
                plural((uint64_t)r->preemption_bound, "preemption", "preemptions"));
    } else {
        fprintf(out,
                "verdict: NOT PROVED -- no violation in the %llu %s explored, but the "
                "search stopped early (%s): this is not a proof.\n",
                (unsigned long long)r->executions, plural(r->executions, "execution", "executions"),
                stop_text(r, "incomplete"));
    }
}

static void print_diagnoses(FILE *out, const ex_result *r) {
    for (size_t i = 0; i < r->diagnosis_count; i++)
        fprintf(out, "diagnosis: %s\n", r->diagnoses[i]);
}

static void print_search_line(FILE *out, const ex_result *r, const ex_options *o) {
    fprintf(out, "\nsearch    %s", ex_search_name(r->strategy));
    if (r->preemption_bound >= 0)
        fprintf(out, ", at most %d %s", r->preemption_bound,
                plural((uint64_t)r->preemption_bound, "preemption", "preemptions"));
    if (r->strategy == EX_SEARCH_RANDOM || r->strategy == EX_SEARCH_PCT)
        fprintf(out, ", seed %llu", (unsigned long long)r->seed);
    if (r->complete)
        fputs(": complete, every interleaving explored\n", out);
    else if (r->bound_exhausted)
        fputs(": complete within the bound (schedules with more preemptions unexplored)\n", out);
    else if (r->finished)
        fputs(": NOT exhaustive (a sample, or a reduced search cut at a bound)\n", out);
    else if (r->stopped_by == EX_STOP_INTERRUPTED)
        fprintf(out, ": NOT exhaustive, interrupted by SIG%s\n", sigabbrev_np(r->signal));
    else if (r->stopped_by == EX_STOP_TIME_LIMIT)
        fprintf(out, ": NOT exhaustive, stopped by the time limit (%.0f s; --time-limit)\n",
                o->time_limit);
    else
        fprintf(out, ": NOT exhaustive, stopped by %s\n", stop_text(r, "?"));
}

static void print_statistics(FILE *out, const ex_result *r) {
    double secs = r->seconds > 1e-9 ? r->seconds : 1e-9;
    fprintf(out, "          %llu %s, %llu steps (deepest %llu), %.2f s",
            (unsigned long long)r->executions, plural(r->executions, "execution", "executions"),
            (unsigned long long)r->steps, (unsigned long long)r->max_depth, r->seconds);
    if (r->seconds >= 0.01)
        fprintf(out, ", %.0f executions/s, %.0f steps/s", (double)r->executions / secs,
                (double)r->steps / secs);
    if (r->redundant && r->states)
        fprintf(out,
                "\n          %llu more cut short at a state explored before; %llu distinct "
                "states, %llu solo runs replaced by a summary",
                (unsigned long long)r->redundant, (unsigned long long)r->states,
                (unsigned long long)r->summarised);
    else if (r->redundant)
        fprintf(out,
                "\n          %llu more cut short as redundant (a blocked branch or all asleep)",
                (unsigned long long)r->redundant);
    if (r->restarts)
        fprintf(out, "\n          %llu %s (a thread touched another thread's stack)",
                (unsigned long long)r->restarts, plural(r->restarts, "restart", "restarts"));
    fputc('\n', out);
}

static void print_min_preemptions(FILE *out, const ex_result *r) {
    if (r->min_preemptions < 0) {
        fprintf(out,
                "preemptions: no violation found with up to %d preemptions (a hunt with a "
                "reduced search, not a proof)\n",
                r->preemption_bound);
        return;
    }
    fprintf(out, "preemptions: %d %s a violation (witness below); ", r->min_preemptions,
            r->min_preemptions == 1 ? "preemption exposes" : "preemptions expose");
    if (r->min_preemptions == 0)
        fputs("no fewer is possible\n", out);
    else if (r->fewer_excluded)
        fprintf(out,
                "every schedule with fewer was explored (stateful search, %.2f s): %d is the "
                "minimum\n",
                r->exclusion_seconds, r->min_preemptions);
    else
        fprintf(out,
                "fewer are NOT excluded (the exhaustive search of a smaller bound stopped "
                "early: %s, %.2f s)\n",
                r->exclusion_stopped_by != EX_STOP_NONE
                    ? ex_stop_reason_name(r->exclusion_stopped_by)
                    : "it could not run",
                r->exclusion_seconds);
}

void report_run_text(FILE *out, const ex_module *m, const ex_result *r, const ex_options *o,
                     const ex_result *witness) {
    fprintf(out, "scenario  %s", ex_module_name(m));
    print_params(out, m, " (", ", ", ")");
    print_search_line(out, r, o);
    print_statistics(out, r);
    fprintf(out, "\n%zu distinct %s:\n", r->outcome_count,
            plural(r->outcome_count, "outcome", "outcomes"));
    for (size_t i = 0; i < r->outcome_count; i++) {
        const ex_outcome *oc = &r->outcomes[i];
        fprintf(out, "\n  #%zu  %s  (%llu %s)\n", i + 1, oc->status_text,
                (unsigned long long)oc->count, plural(oc->count, "execution", "executions"));
        print_output_block(out, oc->output, oc->output_length);
        fprintf(out, "      witness  %s  (%u %s, %llu %s)\n", oc->schedule, oc->preemptions,
                plural(oc->preemptions, "preemption", "preemptions"), (unsigned long long)oc->steps,
                plural(oc->steps, "step", "steps"));
    }
    fputc('\n', out);
    if (r->min_preemptions_searched)
        print_min_preemptions(out, r);
    print_verdict(out, m, r);
    if (witness && witness->diagnosis_count) {
        fputc('\n', out);
        print_diagnoses(out, witness);
    }
    print_diagnoses(out, r);
}

/* A JSON string of s[0, len), NUL bytes included (as \u0000). */
static void json_bytes(FILE *out, const char *s, size_t len) {
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s, *end = p + len; p < end; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p == '\t')
            fputs("\\t", out);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

static void json_string(FILE *out, const char *s) {
    json_bytes(out, s, strlen(s));
}

static void json_params(FILE *out, const ex_module *m) {
    size_t n = ex_module_param_count(m);
    fputc('{', out);
    for (size_t i = 0; i < n; i++) {
        long value;
        const char *name = ex_module_param(m, i, NULL, NULL, &value);
        fprintf(out, "%s", i ? ", " : "");
        json_string(out, name);
        fprintf(out, ": %ld", value);
    }
    fputc('}', out);
}

/* "output": ..., "status": ..., "message": ... */
static void json_outcome_fields(FILE *out, const ex_outcome *o) {
    fputs("\"output\": ", out);
    json_bytes(out, o->output, o->output_length);
    fputs(", \"status\": ", out);
    json_string(out, ex_status_name(o->status));
    fputs(", \"message\": ", out);
    json_string(out, o->status_text);
}

static void json_outcome(FILE *out, const ex_outcome *o) {
    fputc('{', out);
    json_outcome_fields(out, o);
    fprintf(out, ", \"count\": %llu, \"schedule\": ", (unsigned long long)o->count);
    json_string(out, o->schedule);
    fprintf(out, ", \"preemptions\": %u, \"steps\": %llu}", o->preemptions,
            (unsigned long long)o->steps);
}

void report_run_json(FILE *out, const ex_module *m, const ex_result *r, const ex_result *witness) {
    fputs("{\"scenario\": ", out);
    json_string(out, ex_module_name(m));
    fputs(", \"params\": ", out);
    json_params(out, m);
    fputs(", \"strategy\": ", out);
    json_string(out, ex_search_name(r->strategy));
    fprintf(out, ", \"executions\": %llu, \"complete\": %s, \"stopped_by\": ",
            (unsigned long long)r->executions, r->complete ? "true" : "false");
    if (r->stopped_by != EX_STOP_NONE)
        json_string(out, ex_stop_reason_name(r->stopped_by));
    else
        fputs("null", out);
    if (r->stopped_by == EX_STOP_INTERRUPTED)
        fprintf(out, ", \"signal\": \"SIG%s\"", sigabbrev_np(r->signal));
    fprintf(out, ", \"verdict\": \"%s\", \"proved\": %s", r->violated ? "violated" : "holds",
            r->complete && !r->violated ? "true" : "false");
    fprintf(out,
            ", \"preemption_bound\": %d, \"min_preemptions\": %d, \"fewer_excluded\": %s, "
            "\"exclusion_seconds\": %.6f, \"exclusion_stopped_by\": ",
            r->preemption_bound, r->min_preemptions, r->fewer_excluded ? "true" : "false",
            r->exclusion_seconds);
    if (r->exclusion_stopped_by != EX_STOP_NONE)
        json_string(out, ex_stop_reason_name(r->exclusion_stopped_by));
    else
        fputs("null", out);
    fprintf(out, ", \"seed\": %llu, \"executions_per_second\": %.1f", (unsigned long long)r->seed,
            r->seconds > 0 ? (double)r->executions / r->seconds : 0.0);
    fprintf(out,
            ", \"steps\": %llu, \"max_depth\": %llu, \"redundant\": %llu, \"restarts\": %llu, "
            "\"resumed\": %llu, \"states\": %llu, \"summarised\": %llu, \"finished\": %s, "
            "\"seconds\": %.6f",
            (unsigned long long)r->steps, (unsigned long long)r->max_depth,
            (unsigned long long)r->redundant, (unsigned long long)r->restarts,
            (unsigned long long)r->resumed, (unsigned long long)r->states,
            (unsigned long long)r->summarised, r->finished ? "true" : "false", r->seconds);
    fputs(", \"outcomes\": [", out);
    for (size_t i = 0; i < r->outcome_count; i++) {
        fputs(i ? ", " : "", out);
        json_outcome(out, &r->outcomes[i]);
    }
    fputs("], \"diagnoses\": [", out);
    size_t n = 0;
    for (const ex_result *d = witness; d; d = d == r ? NULL : r)
        for (size_t i = 0; i < d->diagnosis_count; i++, n++) {
            fputs(n ? ", " : "", out);
            json_string(out, d->diagnoses[i]);
        }
    fputs("]}\n", out);
}

/* "read balance = 0", "write balance := 5", "acquire lock", "start Thread-1", ... */
static void step_text(const ex_trace_step *s, char *buf, size_t len) {
    const ex_event *e = &s->event;
    int n = snprintf(buf, len, "%s%s%s", ex_op_name(e->kind), s->object[0] ? " " : "", s->object);
    if (e->has_value && n >= 0 && (size_t)n < len)
        n += snprintf(buf + n, len - (size_t)n, e->kind == EX_OP_READ ? " = %lld" : " := %lld",
                      e->value);
    if (e->timed && n >= 0 && (size_t)n < len)
        snprintf(buf + n, len - (size_t)n, e->kind == EX_OP_SLEEP ? " (wakes up)" : " (timed out)");
}

static void print_trace_rows(FILE *out, const ex_result *r) {
    fprintf(out, "%5s  %-12s %-36s %s\n", "step", "thread", "operation", "where");
    for (size_t i = 0; i < r->trace_count; i++) {
        char op[160];
        step_text(&r->trace[i], op, sizeof op);
        fprintf(out, "%5zu  %-12s %-36s %s\n", i + 1, r->trace[i].thread_name, op,
                r->trace[i].location);
    }
}

/* One column per thread, so the interleaving reads left to right. */
static void print_trace_columns(FILE *out, const ex_result *r) {
    enum { WIDTH = 30 };
    int threads = 0;
    for (size_t i = 0; i < r->trace_count; i++)
        if (r->trace[i].event.thread + 1 > threads)
            threads = r->trace[i].event.thread + 1;
    fprintf(out, "%5s ", "step");
    for (int t = 0; t < threads; t++) {
        const char *name = "?";
        for (size_t i = 0; i < r->trace_count; i++)
            if (r->trace[i].event.thread == t)
                name = r->trace[i].thread_name;
        fprintf(out, " %-*.*s", WIDTH, WIDTH, name);
    }
    fputc('\n', out);
    for (size_t i = 0; i < r->trace_count; i++) {
        char op[160];
        step_text(&r->trace[i], op, sizeof op);
        fprintf(out, "%5zu ", i + 1);
        for (int t = 0; t < r->trace[i].event.thread; t++)
            fprintf(out, " %-*s", WIDTH, "");
        fprintf(out, " %-*.*s  %s\n", WIDTH, WIDTH, op, r->trace[i].location);
    }
}

void report_replay_text(FILE *out, const ex_result *r, bool columns) {
    const ex_outcome *o = &r->outcomes[0];
    (columns ? print_trace_columns : print_trace_rows)(out, r);
    fprintf(out, "\nreplayed %llu %s (%u %s)\nstatus   %s\n", (unsigned long long)o->steps,
            plural(o->steps, "step", "steps"), o->preemptions,
            plural(o->preemptions, "preemption", "preemptions"), o->status_text);
    print_output_block(out, o->output, o->output_length);
    if (r->diagnosis_count)
        fputc('\n', out);
    print_diagnoses(out, r);
}

static void json_diagnoses(FILE *out, const ex_result *r) {
    fputs(", \"diagnoses\": [", out);
    for (size_t i = 0; i < r->diagnosis_count; i++) {
        fputs(i ? ", " : "", out);
        json_string(out, r->diagnoses[i]);
    }
    fputc(']', out);
}

static void json_step(FILE *out, size_t i, const ex_trace_step *s) {
    fprintf(out, "{\"step\": %zu, \"thread\": %d, \"thread_name\": ", i + 1, s->event.thread);
    json_string(out, s->thread_name);
    fputs(", \"operation\": ", out);
    json_string(out, ex_op_name(s->event.kind));
    fputs(", \"object\": ", out);
    json_string(out, s->object);
    if (s->event.has_value)
        fprintf(out, ", \"value\": %lld", s->event.value);
    fputs(", \"location\": ", out);
    json_string(out, s->location);
    fprintf(out, ", \"timed\": %s}", s->event.timed ? "true" : "false");
}

void report_replay_json(FILE *out, const ex_module *m, const ex_result *r) {
    fputs("{\"scenario\": ", out);
    json_string(out, ex_module_name(m));
    fputs(", \"params\": ", out);
    json_params(out, m);
    const ex_outcome *o = &r->outcomes[0];
    fputs(", ", out);
    json_outcome_fields(out, o);
    fprintf(out, ", \"preemptions\": %u, \"steps\": [", o->preemptions);
    for (size_t i = 0; i < r->trace_count; i++) {
        fputs(i ? ", " : "", out);
        json_step(out, i, &r->trace[i]);
    }
    fputc(']', out);
    json_diagnoses(out, r);
    fputs("}\n", out);
}

int report_replay_exit_code(const ex_result *r) {
    ex_status s = r->outcomes[0].status;
    return ex_status_is_violation(s) ? CLI_EXIT_VIOLATION
           : s == EX_STATUS_OK       ? CLI_EXIT_OK
                                     : CLI_EXIT_INCOMPLETE;
}

int report_exit_code(const ex_result *r) {
    if (r->violated)
        return CLI_EXIT_VIOLATION;
    if (r->stopped_by == EX_STOP_INTERRUPTED)
        return CLI_EXIT_SIGNAL + r->signal;
    return r->complete ? CLI_EXIT_OK : CLI_EXIT_INCOMPLETE;
}
