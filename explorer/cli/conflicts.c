/* The options that contradict each other, refused instead of one silently winning:
 * `--strategy random --preemptions 1` would run a bounded dfs, `--seed 3` without a sample
 * would seed nothing. Every option a command line names must have its effect. */
#include "options.h"

#include "exit_codes.h"

#define STRATEGY(kind) (1u << (kind))
#define SAMPLES (STRATEGY(EX_STRATEGY_RANDOM) | STRATEGY(EX_STRATEGY_PCT))

/* Options that choose the search themselves: --strategy, if given, may only name the one
 * in `allowed`. */
static const struct {
    cli_option_id option;
    unsigned allowed;
    const char *why;
} chooses_search[] = {
    {OPT_PREEMPTIONS, STRATEGY(EX_STRATEGY_DFS), "a preemption bound is searched with dfs"},
    {OPT_STATEFUL, 0, "the stateful search is a strategy of its own"},
    {OPT_MIN_PREEMPTIONS, STRATEGY(EX_STRATEGY_DPOR), "it hunts with dpor cut at each bound"},
};

/* Options that only a sampling strategy reads: --strategy must name one in `needs`. */
static const struct {
    cli_option_id option;
    unsigned needs;
} samples_only[] = {
    {OPT_SEED, SAMPLES},
    {OPT_RUNS, SAMPLES},
    {OPT_PCT_DEPTH, STRATEGY(EX_STRATEGY_PCT)},
};

/* Options that cannot be given together. */
static const struct {
    cli_option_id a, b;
    const char *why;
} pairs[] = {
    {OPT_MIN_PREEMPTIONS, OPT_PREEMPTIONS, "it chooses the bounds itself"},
    {OPT_MIN_PREEMPTIONS, OPT_STATEFUL, "it chooses how to search each bound itself"},
    {OPT_COLUMNS, OPT_JSON, "--columns lays out the text trace"},
};

#define COUNT(array) (sizeof array / sizeof *array)

int cli_check_conflicts(const cli_args *a) {
    const cli_option *strategy = cli_option_for(OPT_STRATEGY, a->command);
    const char *name = strategy ? strategy->choices[a->options.strategy] : NULL;
    for (size_t i = 0; i < COUNT(pairs); i++)
        if (a->given[pairs[i].a] && a->given[pairs[i].b])
            return cli_error("--%s and --%s cannot be combined: %s",
                             cli_option_for(pairs[i].a, a->command)->name,
                             cli_option_for(pairs[i].b, a->command)->name, pairs[i].why);
    for (size_t i = 0; i < COUNT(chooses_search); i++)
        if (a->given[chooses_search[i].option] && a->given[OPT_STRATEGY] &&
            !(chooses_search[i].allowed & STRATEGY(a->options.strategy)))
            return cli_error("--%s and --strategy %s cannot be combined: %s",
                             cli_option_for(chooses_search[i].option, a->command)->name, name,
                             chooses_search[i].why);
    for (size_t i = 0; i < COUNT(samples_only); i++) {
        char needs[64];
        if (a->given[samples_only[i].option] &&
            !(samples_only[i].needs & STRATEGY(a->options.strategy)))
            return cli_error(
                "--%s needs --strategy %s",
                cli_option_for(samples_only[i].option, a->command)->name,
                cli_choices_text(strategy, samples_only[i].needs, needs, sizeof needs));
    }
    return -1;
}
