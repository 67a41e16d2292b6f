/* Printing results: the human summary and the --json document of `explorer run` and
 * `explorer replay`. */
#include "report.h"

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

static void print_output_block(FILE *out, const char *output) {
    if (!*output) {
        fputs("      output   (nothing printed)\n", out);
        return;
    }
    const char *label = "      output   | ";
    for (const char *line = output; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        fprintf(out, "%s%.*s%s\n", label, (int)len, line, end ? "" : "  (no newline at end)");
        label = "               | ";
        line += len + (end ? 1 : 0);
    }
}

static const char *plural(uint64_t n, const char *one, const char *many) {
    return n == 1 ? one : many;
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
            fprintf(out, "witness: outcome #%zu, %u %s, %llu steps. Replay it with:\n  ", i + 1,
                    r->outcomes[i].preemptions,
                    plural(r->outcomes[i].preemptions, "preemption", "preemptions"),
                    (unsigned long long)r->outcomes[i].steps);
            print_replay_command(out, m, r->outcomes[i].schedule);
            break;
        }
    } else if (r->complete) {
        fprintf(out, "verdict: HOLDS -- every interleaving was explored (%llu %s) and none "
                     "ends in a violation.\n",
                (unsigned long long)r->executions, plural(r->executions, "execution", "executions"));
    } else {
        fprintf(out, "verdict: NOT PROVED -- no violation in the %llu %s explored, but the "
                     "search stopped early (%s): this is not a proof.\n",
                (unsigned long long)r->executions, plural(r->executions, "execution", "executions"),
                r->stopped_by ? r->stopped_by : "incomplete");
    }
}

static void print_search_line(FILE *out, const ex_result *r, const ex_options *o) {
    fprintf(out, "\nsearch    %s", r->strategy ? r->strategy : "?");
    if (r->preemption_bound >= 0)
        fprintf(out, ", at most %d %s", r->preemption_bound,
                plural((uint64_t)r->preemption_bound, "preemption", "preemptions"));
    if (r->strategy && (!strcmp(r->strategy, "random") || !strcmp(r->strategy, "pct")))
        fprintf(out, ", seed %llu", (unsigned long long)r->seed);
    if (r->complete)
        fputs(": complete, every interleaving explored\n", out);
    else if (r->finished && r->preemption_bound >= 0 && !strncmp(r->strategy, "dfs", 3))
        fputs(": complete within the bound (schedules with more preemptions unexplored)\n", out);
    else if (r->finished)
        fputs(": NOT exhaustive (a sample, or a reduced search cut at a bound)\n", out);
    else if (r->stopped_by && !strcmp(r->stopped_by, "time limit"))
        fprintf(out, ": NOT exhaustive, stopped by the time limit (%.0f s; --time-limit)\n",
                o->time_limit);
    else
        fprintf(out, ": NOT exhaustive, stopped by %s\n", r->stopped_by ? r->stopped_by : "?");
}

static void print_statistics(FILE *out, const ex_result *r) {
    double secs = r->seconds > 1e-9 ? r->seconds : 1e-9;
    fprintf(out, "          %llu %s, %llu steps (deepest %llu), %.2f s",
            (unsigned long long)r->executions, plural(r->executions, "execution", "executions"),
            (unsigned long long)r->steps, (unsigned long long)r->max_depth, r->seconds);
    if (r->seconds >= 0.01)
        fprintf(out, ", %.0f executions/s, %.0f steps/s", (double)r->executions / secs,
                (double)r->steps / secs);
    if (r->redundant)
        fprintf(out, "\n          %llu more cut short as redundant (sleep sets)",
                (unsigned long long)r->redundant);
    if (r->restarts)
        fprintf(out, "\n          %llu %s (a thread touched another thread's stack)",
                (unsigned long long)r->restarts, plural(r->restarts, "restart", "restarts"));
    fputc('\n', out);
}

static void print_min_preemptions(FILE *out, const ex_result *r) {
    if (r->min_preemptions < 0) {
        fprintf(out, "preemptions: no violation found with up to %d preemptions (a hunt with a "
                     "reduced search, not a proof)\n",
                r->preemption_bound);
        return;
    }
    fprintf(out, "preemptions: %d %s a violation (witness below); ", r->min_preemptions,
            r->min_preemptions == 1 ? "preemption exposes" : "preemptions expose");
    if (r->min_preemptions == 0)
        fputs("no fewer is possible\n", out);
    else if (r->fewer_excluded)
        fprintf(out, "every schedule with fewer was explored: %d is the minimum\n",
                r->min_preemptions);
    else
        fputs("fewer are NOT excluded (their exhaustive search did not finish in time)\n",
              out);
}

void report_run_text(FILE *out, const ex_module *m, const ex_result *r, const ex_options *o) {
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
        print_output_block(out, oc->output);
        fprintf(out, "      witness  %s  (%u %s, %llu steps)\n", oc->schedule, oc->preemptions,
                plural(oc->preemptions, "preemption", "preemptions"), (unsigned long long)oc->steps);
    }
    fputc('\n', out);
    if (r->min_preemptions_searched)
        print_min_preemptions(out, r);
    print_verdict(out, m, r);
}

static void json_string(FILE *out, const char *s) {
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
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

static void json_outcome(FILE *out, const ex_outcome *o) {
    fputs("{\"output\": ", out);
    json_string(out, o->output);
    fputs(", \"status\": ", out);
    json_string(out, ex_status_name(o->status));
    fputs(", \"message\": ", out);
    json_string(out, o->status_text);
    fprintf(out, ", \"count\": %llu, \"schedule\": ", (unsigned long long)o->count);
    json_string(out, o->schedule);
    fprintf(out, ", \"preemptions\": %u, \"steps\": %llu}", o->preemptions,
            (unsigned long long)o->steps);
}

void report_run_json(FILE *out, const ex_module *m, const ex_result *r) {
    fputs("{\"scenario\": ", out);
    json_string(out, ex_module_name(m));
    fputs(", \"params\": ", out);
    json_params(out, m);
    fputs(", \"strategy\": ", out);
    json_string(out, r->strategy ? r->strategy : "");
    fprintf(out, ", \"executions\": %llu, \"complete\": %s, \"stopped_by\": ",
            (unsigned long long)r->executions, r->complete ? "true" : "false");
    if (r->stopped_by)
        json_string(out, r->stopped_by);
    else
        fputs("null", out);
    fprintf(out, ", \"verdict\": \"%s\", \"proved\": %s", r->violated ? "violated" : "holds",
            r->complete && !r->violated ? "true" : "false");
    fprintf(out, ", \"preemption_bound\": %d, \"min_preemptions\": %d, \"fewer_excluded\": %s",
            r->preemption_bound, r->min_preemptions, r->fewer_excluded ? "true" : "false");
    fprintf(out, ", \"seed\": %llu, \"executions_per_second\": %.1f", (unsigned long long)r->seed,
            r->seconds > 0 ? (double)r->executions / r->seconds : 0.0);
    fprintf(out,
            ", \"steps\": %llu, \"max_depth\": %llu, \"redundant\": %llu, \"restarts\": %llu, "
            "\"seconds\": %.6f",
            (unsigned long long)r->steps, (unsigned long long)r->max_depth,
            (unsigned long long)r->redundant, (unsigned long long)r->restarts, r->seconds);
    fputs(", \"outcomes\": [", out);
    for (size_t i = 0; i < r->outcome_count; i++) {
        fputs(i ? ", " : "", out);
        json_outcome(out, &r->outcomes[i]);
    }
    fputs("]}\n", out);
}

void report_replay_text(FILE *out, const ex_result *r) {
    const ex_outcome *o = &r->outcomes[0];
    fprintf(out, "replayed %llu steps (%u preemptions)\nstatus   %s\n",
            (unsigned long long)o->steps, o->preemptions, o->status_text);
    print_output_block(out, o->output);
}

void report_replay_json(FILE *out, const ex_module *m, const ex_result *r) {
    fputs("{\"scenario\": ", out);
    json_string(out, ex_module_name(m));
    fputs(", \"params\": ", out);
    json_params(out, m);
    const ex_outcome *o = &r->outcomes[0];
    fputs(", \"output\": ", out);
    json_string(out, o->output);
    fputs(", \"status\": ", out);
    json_string(out, ex_status_name(o->status));
    fputs(", \"message\": ", out);
    json_string(out, o->status_text);
    fprintf(out, ", \"steps\": %llu, \"preemptions\": %u}\n", (unsigned long long)o->steps,
            o->preemptions);
}

int report_exit_code(const ex_result *r) {
    if (r->violated)
        return 1;
    return r->complete ? 0 : 3;
}
