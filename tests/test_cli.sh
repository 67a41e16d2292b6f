#!/usr/bin/env bash
# Tests of the `explorer` command: exit codes, the exact one-line error messages, the text
# summary, --json, replay and list.
#
# usage: test_cli.sh CASE   (ctest runs each case as a test of its own)
# Needs $EXPLORER (the command), $TEST_SCENARIO_DIR (the test scenario modules) and
# $TEST_SCENARIO_SOURCE_DIR (their sources).
# Exit status 0 passed, 1 failed, 77 skipped (a case that shows a reported bug).
set -uo pipefail

fail() {
  printf 'FAIL: %s\n' "$*" >&2
  exit 1
}

skip_bug() {
  printf 'SKIPPED: BUG: %s\n' "$*"
  exit 77
}


# run ARGS...: runs the explorer; sets $out, $err, $code and $cmd
run() {
  local o e
  o=$(mktemp) e=$(mktemp)
  "$EXPLORER" "$@" >"$o" 2>"$e"
  code=$?
  out=$(cat "$o")
  err=$(cat "$e")
  rm -f "$o" "$e"
  cmd="explorer $*"
}

# with_tests ARGS...: run, with the test scenarios on the search path
with_tests() {
  EXPLORER_SCENARIO_PATH=$TEST_SCENARIO_DIR run "$@"
}

expect_code() {
  [ "$code" = "$1" ] || fail "$cmd: exit status $code, expected $1; stderr: $err"
}

# expect_line LINE: stdout has exactly this line
expect_line() {
  grep -Fxq -- "$1" <<<"$out" || fail "$cmd: no line '$1' in:"$'\n'"$out"
}

# expect_match REGEX: stdout has a line matching this extended regex (anchored)
expect_match() {
  grep -Eq -- "^$1\$" <<<"$out" || fail "$cmd: no line matching '$1' in:"$'\n'"$out"
}

# expect_usage_error MESSAGE ARGS...: exit status 2, stderr is exactly "explorer: MESSAGE",
# nothing on stdout
expect_usage_error() {
  local message=$1
  shift
  run "$@"
  expect_code 2
  [ "$err" = "explorer: $message" ] || fail "$cmd: stderr '$err', expected 'explorer: $message'"
  [ -z "$out" ] || fail "$cmd: printed on stdout: $out"
}

# json_check PYTHON: runs the Python code with the JSON document of stdout as `d`
json_check() {
  python3 -c "import json, re, sys
d = json.load(sys.stdin)
$1" <<<"$out" || fail "$cmd: the JSON check failed on:"$'\n'"$out"
}

# prefix_of ARGS...: sets $prefix to the "v1.CCCC:" that `explorer run ARGS` witnesses carry
prefix_of() {
  run run "$@" --json --max-executions 1 --strategy dfs
  prefix=$(python3 -c 'import json, sys
print(json.load(sys.stdin)["outcomes"][0]["schedule"].split(":")[0] + ":")' <<<"$out") ||
    fail "no schedule from explorer run $*"
  [[ $prefix =~ ^v1\.[0-9a-f]{4}:$ ]] || fail "bad schedule prefix '$prefix'"
}

# A tagged schedule, as an extended regex: TAG = v1.CCCC:
TAG='v1\.[0-9a-f]{4}:'

case_exit_codes() {
  run run balance_locked -p iterations=1
  expect_code 0
  expect_line "search    dpor: complete, every interleaving explored"
  expect_match "verdict: HOLDS -- every interleaving was explored \([0-9]+ executions\) and none ends in a violation\."

  run run balance_locked -p iterations=1 --strategy dfs
  expect_code 0
  expect_line "search    dfs: complete, every interleaving explored"

  run run balance_unlocked -p iterations=1
  expect_code 1
  expect_line "search    dpor: complete, every interleaving explored"
  expect_match "verdict: VIOLATED -- [0-9]+ of [0-9]+ executions ended in a violation\."

  for scenario in "test_crash -p kind=4" "test_deadlock -p kind=0" "test_misuse -p kind=1"; do
    # shellcheck disable=SC2086 # the scenario and its parameter are separate words
    with_tests run $scenario
    expect_code 1
  done

  run
  expect_code 2
  [ "$(head -n 1 <<<"$err")" = "usage: explorer COMMAND [ARGS]" ] || fail "no usage on stderr: $err"
  run help
  expect_code 0
  expect_line "usage: explorer COMMAND [ARGS]"
  run run --help
  expect_code 0
  expect_line "usage: explorer run SCENARIO [OPTIONS]"
  run replay --help
  expect_code 0
  expect_match "usage: explorer replay SCENARIO SCHEDULE( .*)?"
}

case_messages() {
  expect_usage_error "unknown scenario 'no_such' (see \`explorer list\`)" run no_such
  expect_usage_error "unknown scenario 'test_misuse' (see \`explorer list\`)" run test_misuse
  expect_usage_error "unknown parameter 'bogus' for balance_locked (it has: iterations)" \
    run balance_locked -p bogus=1
  expect_usage_error "bad value 'abc' for parameter 'iterations' of balance_locked: expected an integer" \
    run balance_locked -p iterations=abc
  expect_usage_error "bad value '' for parameter 'iterations' of balance_locked: expected an integer" \
    run balance_locked -p iterations=
  expect_usage_error "--param: expected NAME=VALUE, got 'iterations'" run balance_locked -p iterations
  expect_usage_error "--param: expected NAME=VALUE, got nothing" run balance_locked --param
  expect_usage_error "unknown option '--frobnicate' (see explorer run --help)" \
    run balance_locked --frobnicate
  expect_usage_error "unknown option '--stop-on-first' (see explorer replay --help)" \
    replay balance_locked v1:0x1 --stop-on-first
  expect_usage_error "--max-steps: expected a whole number, got 'x'" run balance_locked --max-steps x
  expect_usage_error "--max-executions: expected a whole number, got '-1'" \
    run balance_locked --max-executions -1
  expect_usage_error "--max-executions: expected a whole number, got nothing" \
    run balance_locked --max-executions
  expect_usage_error "--time-limit: expected a number of seconds, got '-1'" \
    run balance_locked --time-limit -1
  expect_usage_error "--stack-size: expected a size in KiB from 16 to 65536, got '8'" \
    run balance_locked --stack-size 8
  expect_usage_error "--strategy: expected dpor, dfs, random or pct, got 'bfs'" \
    run balance_locked --strategy bfs
  expect_usage_error "run needs a SCENARIO (see explorer list)" run
  expect_usage_error "replay needs a SCENARIO (see explorer list)" replay
  expect_usage_error "replay needs a SCHEDULE after the scenario" replay balance_locked
  expect_usage_error "unexpected argument 'extra'" run balance_locked extra
  expect_usage_error "unknown command 'frob' (see explorer --help)" frob
  expect_usage_error "bad schedule at character 1: expected the version prefix \"v1.XXXX:\" (a schedule looks like v1.3fa2:0x3,1x2)" \
    replay balance_unlocked v1:0x1
}

# Schedules that do not fit: status 2 and the message (these run executions).
case_replay_errors() {
  prefix_of balance_unlocked -p iterations=1
  local p1=$prefix
  expect_usage_error "bad schedule at character 12: unexpected text after the schedule" \
    replay balance_unlocked "${p1}0x2;x" -p iterations=1
  expect_usage_error "the schedule is too short: it ends after step 1, the execution goes on" \
    replay balance_unlocked "${p1}0x1" -p iterations=1
  expect_usage_error "step 3: thread 0 cannot move there (it is blocked)" \
    replay balance_unlocked "${p1}0x3" -p iterations=1
  prefix_of balance_unlocked -p iterations=2
  local p2=$prefix
  expect_usage_error "this schedule was recorded for another scenario or other -p values (checksum ${p1:3:4}; this scenario with these values has ${p2:3:4})" \
    replay balance_unlocked "${p1}0x3" -p iterations=2
}

# The tutorial's 100000 iterations cannot be exhausted in a second: incomplete, status 3.
case_time_limit() {
  run run balance_locked --time-limit 1
  expect_code 3
  expect_line "scenario  balance_locked (iterations=100000)"
  expect_line "search    dpor: NOT exhaustive, stopped by the time limit (1 s; --time-limit)"
  expect_match "verdict: NOT PROVED -- no violation in the [0-9]+ executions? explored, but the search stopped early \(time limit\): this is not a proof\."
}

# The text summary of a scenario with one outcome, line for line (the timing aside).
case_text() {
  run run loop_thread
  expect_code 0
  expect_line "scenario  loop_thread"
  expect_line "search    dpor: complete, every interleaving explored"
  # (the rates follow when the search took 0.01 s or more: on a busy machine it may)
  expect_match "          1 execution, 19 steps \(deepest 19\), [0-9]+\.[0-9]+ s(, [0-9]+ executions/s, [0-9]+ steps/s)?"
  expect_line "1 distinct outcome:"
  expect_line "  #1  ok  (1 execution)"
  expect_line "      output   | thread MainThread is running..."
  expect_line "               | thread LoopThread >>> 3"
  expect_line "               | thread MainThread ended."
  expect_match "      witness  ${TAG}0x2,1x14,0x3  \(0 preemptions, 19 steps\)"
  expect_line "verdict: HOLDS -- every interleaving was explored (1 execution) and none ends in a violation."

  # MainThread's release is the only step; kind=1 is the default, so the replay command
  # does not repeat it
  with_tests run test_misuse -p kind=1
  expect_code 1
  expect_line "scenario  test_misuse (kind=1)"
  expect_line "  #1  misuse: MainThread: RuntimeError: release unlocked lock (lock_a)  (1 execution)"
  expect_line "      output   (nothing printed)"
  expect_line "verdict: VIOLATED -- 1 of 1 execution ended in a violation."
  expect_match "  explorer replay test_misuse ${TAG}0x1"
  # MainThread acquires and starts Thread-1, which begins and releases: 4 steps
  with_tests run test_misuse -p kind=2
  expect_code 1
  expect_match "      witness  ${TAG}0x2,1x2  \(0 preemptions, 4 steps\)"
  expect_line "witness: outcome #1, 0 preemptions, 4 steps. Replay it with:"
  expect_match "  explorer replay test_misuse ${TAG}0x2,1x2 -p kind=2"
}

case_stateful() {
  # without a bound: a proof, merging states
  run run balance_locked -p iterations=10 --stateful
  expect_code 0
  expect_line "search    stateful: complete, every interleaving explored"
  expect_line "verdict: HOLDS -- every interleaving was explored (318 executions) and none ends in a violation."
  # one preemption never loses an update: the bound is exhausted (200 iterations: the
  # sanitizer build has no checkpoints and replays, quadratically)
  run run balance_unlocked -p iterations=200 --preemptions 1 --stateful
  expect_code 3
  expect_line "search    stateful (preemption-bounded), at most 1 preemption: complete within the bound (schedules with more preemptions unexplored)"
  expect_match "          [0-9]+ more cut short at a state explored before; [0-9]+ distinct states, [0-9]+ solo runs replaced by a summary"
  expect_line "1 distinct outcome:"
  expect_line "      output   | 0"
  expect_line "verdict: HOLDS WITHIN THE BOUND -- every schedule with at most 1 preemption was explored and none ends in a violation; schedules with more were not: this is not a proof for every interleaving."
  # two do, and --min-preemptions says that fewer are excluded
  run run balance_unlocked -p iterations=200 --min-preemptions --no-races
  expect_code 1
  expect_match "^preemptions: 2 preemptions expose a violation \(witness below\); every schedule with fewer was explored \(stateful search, [0-9]+\.[0-9]+ s\): 2 is the minimum$"
  expect_match "witness: outcome #[0-9]+, 2 preemptions, [0-9]+ steps\. Replay it with:"
}

case_plural() {
  # Regression (fixed): 'explorer run test_misuse' (one step) says '(0 preemptions, 1
  # steps)' and 'witness: outcome #1, 0 preemptions, 1 steps.', while the other counts of
  # the summary go through plural()
  with_tests run test_misuse -p kind=1
  expect_match "      witness  ${TAG}0x1  \(0 preemptions, 1 step\)"
  expect_line "witness: outcome #1, 0 preemptions, 1 step. Replay it with:"
}

case_json() {
  run run balance_unlocked -p iterations=1 --json
  expect_code 1
  json_check '
assert set(d) >= {"scenario", "params", "executions", "complete", "verdict", "outcomes"}, d.keys()
assert d["scenario"] == "balance_unlocked"
assert d["params"] == {"iterations": 1}
assert d["strategy"] == "dpor" and d["complete"] is True and d["proved"] is False
assert d["verdict"] == "violated" and d["stopped_by"] is None
assert isinstance(d["executions"], int) and d["executions"] > 0
outcomes = d["outcomes"]
for o in outcomes:
    assert set(o) >= {"output", "status", "count", "schedule"}, o.keys()
    assert o["status"] == ("ok" if o["output"] == "0\n" else "check failed"), o
    assert re.fullmatch(r"v1\.[0-9a-f]{4}:[0-9x,]+", o["schedule"]), o
assert sorted(int(o["output"]) for o in outcomes) == [-8, -5, -3, 0, 3, 5, 8]
assert sum(o["count"] for o in outcomes) == d["executions"]
'
  run run balance_locked -p iterations=1 --json --strategy dfs
  expect_code 0
  json_check '
assert d["verdict"] == "holds" and d["proved"] is True and d["complete"] is True
assert d["strategy"] == "dfs"
assert [(o["output"], o["status"], o["message"]) for o in d["outcomes"]] == [("0\n", "ok", "ok")]
assert d["outcomes"][0]["count"] == d["executions"]
'
  # quotes in a message survive the encoding
  with_tests run test_misuse -p kind=6 --json
  expect_code 1
  json_check '
assert d["outcomes"][0]["message"] == "misuse: MainThread: AttributeError: '"'"'_thread._local'"'"' object has no attribute '"'"'student'"'"'"
'
  run run balance_locked --time-limit 0.5 --json
  expect_code 3
  json_check '
assert d["complete"] is False and d["stopped_by"] == "time limit" and d["verdict"] == "holds"
assert d["proved"] is False
'
}

# Every outcome `run --json` reports replays to the same output and status.
case_replay() {
  run run balance_unlocked -p iterations=1 --json
  expect_code 1
  local listing
  listing=$(python3 -c 'import json, sys
for o in json.load(sys.stdin)["outcomes"]:
    print(o["schedule"], o["status"].replace(" ", "_"), o["output"].strip(), o["message"].replace(" ", "~"))' <<<"$out")
  [ "$(wc -l <<<"$listing")" = 7 ] || fail "expected 7 outcomes: $listing"
  local schedule status output message
  while read -r schedule status output message; do
    run replay balance_unlocked "$schedule" -p iterations=1
    # an ok replay's status is case_replay_ok's (a reported bug)
    [ "$status" = ok ] || expect_code 1
    expect_line "status   ${message//\~/ }"
    expect_line "      output   | $output"
    run replay balance_unlocked "$schedule" -p iterations=1 --json
    json_check "
assert d['scenario'] == 'balance_unlocked' and d['params'] == {'iterations': 1}
assert d['output'] == '$output\n' and d['status'] == '${status//_/ }'
assert d['message'] == '${message//\~/ }'
"
  done <<<"$listing"
}

# A crash is a violation: status 1.
case_crash_null_write() {
  # Regression (fixed): exit status 139: after the execution, ex_record_value() reads the
  # value of the faulting write through its address, NULL, outside the execution
  with_tests run test_crash -p kind=0
  expect_code 1
  expect_match "  #[0-9]+  crash: SIGSEGV in Thread-1: bad memory access at \(nil\)  \([0-9]+ executions?\)"
}

# `explorer replay --help`: "Exit status: 0 ok, 1 a violation, 3 cut short, 2 usage".
case_replay_ok() {
  # Regression (fixed): every result that is not complete, and a replay never is (its
  # strategy is not exhaustive): 'explorer replay balance_unlocked
  # v1.CCCC:0x2,1x6,0x1,2x6,0x5 -p iterations=1' prints 'status   ok' and exits 3
  prefix_of balance_unlocked -p iterations=1
  run replay balance_unlocked "${prefix}0x2,1x6,0x1,2x6,0x5" -p iterations=1
  expect_code 0
  expect_line "status   ok"
}

# The replay command a violation's summary prints must replay that violation when it is
# run in a shell.
case_replay_command() {
  # Regression (fixed): schedule naming shared stack pages holds ';' (v1.CCCC:...;s=64), so
  # pasting 'explorer replay test_stack_escape v1.CCCC:0x3,1x2,2x4,1x2,0x5;s=64' into a
  # shell replays v1.CCCC:0x3,1x2,2x4,1x2,0x5 and fails with 'step 3: thread 0 cannot move
  # there (it is blocked)'
  with_tests run test_stack_escape
  expect_code 1
  local line
  line=$(grep -A1 '^witness: ' <<<"$out" | tail -n 1)
  local dir
  dir=$(mktemp -d)
  ln -s "$EXPLORER" "$dir/explorer"
  out=$(PATH="$dir:$PATH" EXPLORER_SCENARIO_PATH=$TEST_SCENARIO_DIR bash -c "$line" 2>&1)
  code=$?
  rm -rf "$dir"
  cmd=$line
  expect_code 1
  expect_match "status   check failed: local == 2 \(stack_escape\.c:[0-9]+, in MainThread\)"
}

case_list() {
  with_tests list
  expect_code 0
  expect_line "$(printf '%-26s %s' balance_locked 'seeds 000-003 Lock: the same balance with lock.acquire()/release() (holds)')"
  expect_line "$(printf '%-26s   -p %s' '' "iterations=100000  loop iterations per thread (the tutorial's 100000)")"
  expect_line "$(printf '%-26s %s' test_misuse 'tests: one misuse of the threading API per kind')"
  expect_line "$(printf '%-26s   -p %s' '' 'kind=1  which misuse (1-10)')"
  expect_line "$(printf '%-26s %s' loop_thread 'seeds 000-003 threading: MainThread starts and joins LoopThread')"
  # sorted by name
  local names
  names=$(grep -v '^ ' <<<"$out" | cut -d' ' -f1)
  [ "$names" = "$(sort <<<"$names")" ] || fail "list is not sorted: $names"
  # without the test folder, only the build's scenarios
  EXPLORER_SCENARIO_PATH=/nonexistent run list
  expect_code 0
  expect_line "$(printf '%-26s %s' loop_thread 'seeds 000-003 threading: MainThread starts and joins LoopThread')"
  ! grep -q '^test_' <<<"$out" || fail "list shows test scenarios without their folder"
}

# Executions cut short: neither a violation nor a proof, status 3.
case_limits() {
  with_tests run test_limits -p kind=0
  expect_code 3
  expect_line "search    dpor: NOT exhaustive, stopped by runaway"
  expect_line "  #1  runaway: Thread-1 ran 1.0 s of CPU without a visible operation  (1 execution)"
  expect_match "verdict: NOT PROVED -- no violation in the 1 execution explored, but the search stopped early \(runaway\): this is not a proof\."

  with_tests run test_limits -p kind=1 --max-steps 40
  expect_code 3
  expect_line "  #1  step limit: Thread-1 took step 41, past --max-steps  (1 execution)"
  expect_match "      witness  ${TAG}0x1,1x39  \(0 preemptions, 40 steps\)"

  EXPLORER_SCENARIO_PATH=$TEST_SCENARIO_DIR prefix_of test_limits -p kind=1 --max-steps 40
  with_tests replay test_limits "${prefix}0x1,1x39" -p kind=1 --max-steps 40
  expect_code 3
  expect_line "status   step limit: Thread-1 took step 41, past --max-steps"
}

# What the explorer does not model (a plain pthread program): never HOLDS, status 3, with or
# without checkpoints.
case_unsupported() {
  local line
  line=$(grep -n 'pthread_create(&a' "$TEST_SCENARIO_SOURCE_DIR/pthread_counter.c" | cut -d: -f1)
  for checkpoints in "" --no-checkpoints; do
    with_tests run test_pthread_counter $checkpoints
    expect_code 3
    expect_line "search    dpor: NOT exhaustive, stopped by unsupported"
    expect_line "  #1  unsupported: pthread_create (pthread_counter.c:$line, in MainThread): threads of the C library are not modelled yet (use ex_thread_new)  (1 execution)"
    expect_line "verdict: NOT PROVED -- no violation in the 1 execution explored, but the search stopped early (unsupported): this is not a proof."
  done
  with_tests run test_pthread_counter --json
  expect_code 3
  json_check 'assert d["proved"] is False and d["complete"] is False and d["stopped_by"] == "unsupported"
assert [o["status"] for o in d["outcomes"]] == ["unsupported"]'
  with_tests replay test_pthread_counter "$(json_check 'print(d["outcomes"][0]["schedule"])')"
  expect_code 3
  expect_line "status   unsupported: pthread_create (pthread_counter.c:$line, in MainThread): threads of the C library are not modelled yet (use ex_thread_new)"
}

# GNU forms: --name=VALUE, -pNAME=VALUE, "--" ending the options, options before or after
# the operands, a unique abbreviation of a long name.
case_gnu_forms() {
  local form
  for form in "balance_locked -p iterations=1 --strategy dfs" \
    "balance_locked --param=iterations=1 --strategy=dfs" \
    "-piterations=1 --strategy dfs balance_locked" \
    "--strategy=dfs -piterations=1 -- balance_locked" \
    "--stra dfs --param iterations=1 balance_locked"; do
    # shellcheck disable=SC2086 # the words of the form are the arguments
    run run --json $form
    expect_code 0
    json_check 'assert (d["strategy"], d["params"], d["complete"]) == ("dfs", {"iterations": 1}, True), d'
  done
  run run balance_locked -p iterations=2 --max-executions=3
  expect_code 3
  expect_line "search    dpor: NOT exhaustive, stopped by execution limit"
  expect_match "          3 executions, 108 steps \(deepest 36\), [0-9.]+ s.*"
  run run balance_locked --time-limit=1
  expect_code 3
  expect_line "search    dpor: NOT exhaustive, stopped by the time limit (1 s; --time-limit)"
  # after "--" everything is an operand, even what looks like an option
  expect_usage_error "unknown scenario '--json' (see \`explorer list\`)" run -- --json
  expect_usage_error "unexpected argument '--json'" run balance_locked -- --json

  prefix_of balance_unlocked -p iterations=1
  local schedule="${prefix}0x2,1x6,0x1,2x6,0x5"
  run replay balance_unlocked "$schedule" -p iterations=1 --json
  expect_code 0
  local json=$out
  run replay -piterations=1 --json -- balance_unlocked "$schedule"
  expect_code 0
  [ "$out" = "$json" ] || fail "$cmd: not the same document as with the options after the operands"

  local dir
  dir=$(mktemp -d)
  run graph --output="$dir/g.dot" -piterations=1 balance_unlocked
  expect_code 0
  expect_line "wrote $dir/g.dot: 568 states, 750 steps, 34 final (18 violations); 34 executions explored"
  run graph -o- --format=dot balance_unlocked --param=iterations=1 --strategy=dpor
  expect_code 0
  cmp -s <(printf '%s\n' "$out") "$dir/g.dot" || fail "$cmd: not the DOT written with -o FILE"
  rm -rf "$dir"
}

# The one wording of each usage error: "--NAME: expected WHAT, got 'VALUE'" (or "got
# nothing"), unknown and ambiguous options, operands missing or too many.
case_option_errors() {
  expect_usage_error "--max-steps: expected a whole number, got ' -1'" run balance_locked --max-steps ' -1'
  expect_usage_error "--max-steps: expected a whole number, got '+5'" run balance_locked --max-steps +5
  expect_usage_error "--max-steps: expected a whole number, got ''" run balance_locked --max-steps=
  expect_usage_error "--max-steps: expected a whole number, got nothing" run balance_locked --max-steps
  expect_usage_error "--seed: expected a whole number, got '18446744073709551616'" \
    run balance_locked --strategy random --seed 18446744073709551616
  local seconds
  for seconds in nan inf -1 ' 1' 0x10 1e400 1s .; do
    expect_usage_error "--time-limit: expected a number of seconds, got '$seconds'" \
      run balance_locked --time-limit "$seconds"
  done
  expect_usage_error "--preemptions: expected a whole number from 0 to 1000, got '1001'" \
    run balance_locked --preemptions 1001
  expect_usage_error "--runs: expected a whole number above 0, got '0'" \
    run balance_locked --strategy random --runs 0
  expect_usage_error "--pct-depth: expected a whole number from 1 to 16, got '17'" \
    run balance_locked --strategy pct --pct-depth 17
  expect_usage_error "--stack-size: expected a size in KiB from 16 to 65536, got '65537'" \
    replay balance_locked v1:0x1 --stack-size=65537
  expect_usage_error "--json: expected no value, got '1'" run balance_locked --json=1
  expect_usage_error "--param: expected NAME=VALUE, got 'iterations'" replay balance_locked v1:0x1 -piterations
  local many=()
  for _ in $(seq 65); do many+=(-p iterations=1); done
  expect_usage_error "--param: at most 64 parameters" run balance_locked "${many[@]}"

  expect_usage_error "unknown option '--frob' (see explorer run --help)" run balance_locked --frob=2
  expect_usage_error "unknown option '-x' (see explorer run --help)" run balance_locked -x
  expect_usage_error "unknown option '--json' (see explorer graph --help)" graph balance_locked -o x.dot --json
  expect_usage_error "unknown option '--json' (see explorer list --help)" list --json
  expect_usage_error "ambiguous option '--st' (see explorer run --help)" run balance_locked --st dfs
  expect_usage_error "unexpected argument 'extra'" list extra
  expect_usage_error "unexpected argument 'c'" replay a b c

  expect_usage_error "graph needs a SCENARIO (see explorer list)" graph -o x.dot
  expect_usage_error "graph needs -o FILE (see explorer graph --help)" graph balance_locked
  expect_usage_error "--output: expected a file name, got nothing" graph balance_locked -o
  expect_usage_error "--strategy: expected dpor or dfs, got 'random'" \
    graph balance_locked -o x.dot --strategy random
  expect_usage_error "--format: expected dot, svg, png or pdf, got 'bmp'" \
    graph balance_locked -o x.dot --format bmp
  expect_usage_error "--max-nodes: expected a whole number, got '-1'" \
    graph balance_locked -o x.dot --max-nodes -1
}

# Options that contradict each other are refused (none silently wins); the combinations
# that make sense run.
case_conflicts() {
  local s
  for s in dpor random pct; do
    expect_usage_error "--preemptions and --strategy $s cannot be combined: a preemption bound is searched with dfs" \
      run balance_locked --strategy "$s" --preemptions 1
  done
  for s in dpor dfs random pct; do
    expect_usage_error "--stateful and --strategy $s cannot be combined: the stateful search is a strategy of its own" \
      run balance_locked --stateful --strategy "$s"
  done
  for s in dfs random pct; do
    expect_usage_error "--min-preemptions and --strategy $s cannot be combined: it hunts with dpor cut at each bound" \
      run balance_locked --min-preemptions --strategy "$s"
  done
  expect_usage_error "--min-preemptions and --preemptions cannot be combined: it chooses the bounds itself" \
    run balance_locked --preemptions 2 --min-preemptions
  expect_usage_error "--min-preemptions and --stateful cannot be combined: it chooses how to search each bound itself" \
    run balance_locked --min-preemptions --stateful
  expect_usage_error "--seed needs --strategy random or pct" run balance_locked --seed 3
  expect_usage_error "--seed needs --strategy random or pct" run balance_locked --strategy dfs --seed 3
  expect_usage_error "--runs needs --strategy random or pct" run balance_locked --runs 3
  expect_usage_error "--pct-depth needs --strategy pct" run balance_locked --strategy random --pct-depth 2
  expect_usage_error "--columns and --json cannot be combined: --columns lays out the text trace" \
    replay balance_locked v1:0x1 --json --columns

  run run balance_locked -p iterations=1 --strategy dfs --preemptions 1
  expect_code 3
  expect_line "search    dfs (preemption-bounded), at most 1 preemption: complete within the bound (schedules with more preemptions unexplored)"
  run run balance_locked -p iterations=1 --preemptions 1 --stateful
  expect_code 3
  expect_line "search    stateful (preemption-bounded), at most 1 preemption: complete within the bound (schedules with more preemptions unexplored)"
  run run balance_unlocked -p iterations=1 --strategy dpor --min-preemptions
  expect_code 1
  expect_match "preemptions: 2 preemptions expose a violation \(witness below\); every schedule with fewer was explored \(stateful search, [0-9.]+ s\): 2 is the minimum"
  run run balance_locked -p iterations=1 --strategy pct --seed 2 --runs 5 --pct-depth 2
  expect_code 3
  expect_line "search    pct, seed 2: NOT exhaustive (a sample, or a reduced search cut at a bound)"
  expect_match "          5 executions, .*"
  run run balance_locked -p iterations=1 --strategy random --seed 2 --runs 5
  expect_code 3
  expect_line "search    random, seed 2: NOT exhaustive (a sample, or a reduced search cut at a bound)"
}

# Each command's help lists exactly the options it accepts (both come from one table);
# `explorer help COMMAND` and `explorer COMMAND --help` are the same text.
case_help() {
  local -A expected=(
    [list]="--help"
    [run]="--param --strategy --preemptions --stateful --min-preemptions --seed --runs --pct-depth --max-executions --max-steps --time-limit --stop-on-first --no-races --no-checkpoints --timing-agnostic --stack-size --json --help"
    [replay]="--param --max-steps --timing-agnostic --stack-size --columns --json --help"
    [graph]="--param --output --format --schedule --only-violations --collapse --max-nodes --strategy --max-steps --time-limit --timing-agnostic --stack-size --help"
  )
  local command option listed help
  for command in list run replay graph; do
    run help "$command"
    expect_code 0
    help=$out
    expect_match "usage: explorer $command( .*)?"
    listed=$(grep -oE '^  (-[a-z], )?--[a-z-]+' <<<"$help" | sed -E 's/^  (-[a-z], )?//' | paste -sd ' ')
    [ "$listed" = "${expected[$command]}" ] ||
      fail "explorer help $command lists '$listed', expected '${expected[$command]}'"
    run "$command" --help
    expect_code 0
    [ "$out" = "$help" ] || fail "$cmd differs from explorer help $command"
    for option in $listed; do # accepted: a value error, a missing operand or the help
      run "$command" "$option" --help
      [[ $err != *"unknown option"* ]] || fail "$cmd: $err"
    done
  done
  run help
  expect_code 0
  expect_match "  graph SCENARIO -o FILE \[OPTIONS\] +draw its interleaving graph \(dot, svg, png, pdf\)"
}

# exit() in scenario code ends the execution, never the explorer: run reports it, graph
# writes its file; modules that exit at load or are malformed are refused with a message,
# and list names them on stderr.
case_exit() {
  local line
  line=$(grep -n 'exit(3); /\* exit 3 \*/' "$TEST_SCENARIO_SOURCE_DIR/exit.c" | cut -d: -f1)
  with_tests run test_exit -p kind=1
  expect_code 1
  expect_match "  #[0-9]  check failed: exit\(3\) \(exit.c:$line, in Thread-1\)  \(1 execution\)"
  expect_match "verdict: VIOLATED -- 3 of 3 executions ended in a violation\."
  with_tests run test_exit -p kind=0
  expect_code 0
  expect_match "verdict: HOLDS -- every interleaving was explored \(3 executions\) and none ends in a violation\."
  local dir
  dir=$(mktemp -d)
  with_tests graph test_exit -p kind=1 -o "$dir/g.dot"
  expect_code 0
  grep -q '^digraph' "$dir/g.dot" || fail "$cmd: no graph written"
  rm -rf "$dir"
  local so=$TEST_SCENARIO_DIR/test_ctor_exit.so
  expect_usage_error "cannot load scenario module $so: a constructor called exit(7) (a module must not end the process at load)" run "$so"
  so=$TEST_SCENARIO_DIR/test_null_fields.so
  expect_usage_error "$so is not a valid scenario module: its EX_SCENARIO has no name" run "$so"
  with_tests list
  expect_code 0
  expect_line "$(printf '%-26s %s' test_exit 'tests: exit(), _Exit() and quick_exit() in a thread')"
  grep -Fxq "explorer: skipped: $so is not a valid scenario module: its EX_SCENARIO has no name" <<<"$err" ||
    fail "$cmd: stderr does not name $so: $err"
}

# Output that cannot be written is an error (status 2), not a silent success; output with NUL
# bytes is printed whole (\0 in text, \u0000 in JSON); --min-preemptions names the smallest
# bound that violates.
case_output() {
  local e
  e=$(mktemp)
  "$EXPLORER" run loop_thread >/dev/full 2>"$e"
  code=$? err=$(cat "$e") cmd="explorer run loop_thread >/dev/full"
  expect_code 2
  [ "$err" = "explorer: cannot write the output: No space left on device" ] || fail "$cmd: stderr '$err'"
  "$EXPLORER" list >/dev/full 2>"$e"
  code=$? cmd="explorer list >/dev/full"
  expect_code 2
  rm -f "$e"
  with_tests run test_nul_output --strategy dfs
  expect_code 0
  expect_line '      output   | a\0b'
  with_tests run test_nul_output --json
  json_check 'assert sorted(o["output"] for o in d["outcomes"]) == ["a\0b\na\0c\n", "a\0c\na\0b\n"]'
  with_tests run test_min_preemptions --min-preemptions
  expect_code 1
  expect_line "preemptions: 0 preemptions expose a violation (witness below); no fewer is possible"
}

# SIGINT, SIGTERM or SIGHUP stop a search after the execution in progress: the partial
# result is printed (valid JSON, not proved) and the status is 128 + the signal. The search
# (the locked balance at the tutorial's scale, no time limit) runs far longer than the wait.
case_interrupt() {
  local o pid sig
  o=$(mktemp)
  for sig in INT TERM HUP; do
    "$EXPLORER" run balance_locked --time-limit 0 --json >"$o" 2>/dev/null &
    pid=$!
    sleep 3
    kill -"$sig" "$pid"
    wait "$pid"
    code=$? out=$(cat "$o") cmd="explorer run balance_locked --json (SIG$sig)"
    case $sig in INT) expect_code 130 ;; TERM) expect_code 143 ;; HUP) expect_code 129 ;; esac
    json_check "assert d['proved'] is False and d['complete'] is False
assert d['stopped_by'] == 'interrupted' and d['signal'] == 'SIG$sig'
assert d['executions'] >= 1 and [o['status'] for o in d['outcomes']] == ['ok']"
  done
  "$EXPLORER" run balance_locked --time-limit 0 >"$o" 2>/dev/null &
  pid=$!
  sleep 3
  kill -INT "$pid"
  wait "$pid"
  code=$? out=$(cat "$o") cmd="explorer run balance_locked (SIGINT)"
  rm -f "$o"
  expect_code 130
  expect_line "search    dpor: NOT exhaustive, interrupted by SIGINT"
  expect_match "verdict: NOT PROVED -- no violation in the [0-9]+ executions? explored, but the search stopped early \(interrupted\): this is not a proof\."
}

# Address-space reservations that fail end with a message naming the reservation and the
# limit (status 2), not an abort. (Not under AddressSanitizer, which needs the address space.)
case_reservations() {
  (ulimit -v 8000000; "$EXPLORER" run balance_unlocked -p iterations=1 >/dev/null 2>"$TEST_TMP") 2>/dev/null
  code=$?
  err=$(cat "$TEST_TMP") cmd="explorer run balance_unlocked (ulimit -v 8000000)"
  if grep -q AddressSanitizer <<<"$err"; then
    echo "SKIPPED: under AddressSanitizer"
    return
  fi
  expect_code 2
  [ "$err" = "explorer: cannot reserve 32768 MiB of address space for DPOR's history: Cannot allocate memory (the address-space limit, ulimit -v, is 8000000 KiB)" ] ||
    fail "$cmd: stderr '$err'"
  (ulimit -v 800000; "$EXPLORER" run balance_unlocked -p iterations=1 --strategy dfs >/dev/null 2>"$TEST_TMP") 2>/dev/null
  code=$? err=$(cat "$TEST_TMP")
  expect_code 2
  [ "$err" = "explorer: cannot reserve 1024 MiB of address space for the scenario's heap: Cannot allocate memory (the address-space limit, ulimit -v, is 800000 KiB)" ] ||
    fail "$cmd: stderr '$err'"
}

[ $# -eq 1 ] || fail "usage: test_cli.sh CASE"
[ -x "${EXPLORER:-}" ] || fail "set EXPLORER to the explorer command"
[ -d "${TEST_SCENARIO_DIR:-}" ] || fail "set TEST_SCENARIO_DIR to the test scenario modules"
declare -F "case_$1" >/dev/null || fail "no case '$1'"
TEST_TMP=$(mktemp)
trap 'rm -f "$TEST_TMP"' EXIT
"case_$1"
echo "PASS: $1"
