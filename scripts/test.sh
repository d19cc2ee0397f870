#!/usr/bin/env bash
# The README's test command: every check this repo has, ending with one summary line
# "test: N passed, N failed, N skipped". Skipped checks are listed by name and never counted as passed.
#
# Steps are independent (each synthesizes into its own folder, starts its own servers on ephemeral ports
# and writes its outputs under .build/), so they run side by side in two lanes:
# - timing steps (rate limits, timeouts, kills, latency) one after another, at normal CPU priority;
# - every other step at a lower CPU priority (nice 10), TEST_JOBS at a time (default: the number of CPUs,
#   at least 2), longest first. Where a timing step and another step want the same core, the kernel gives
#   the timing step about 90% of it, so a burst or a timeout measures much as it would alone, while the
#   other steps use every moment the timing lane sleeps. (Not nice 19: the unit tests have timing of
#   their own, a 1.8 s visibility timeout, a 1 req/s throttle, which 1-2% of a core would break.)
# Each prints one line when it ends (wall and CPU seconds); its full output is in
# .build/test-logs/<step>.log, named (with its last lines) when it fails.
#
# Adding a check is one line in the list below: `step [--timing] <name> <command...>` (names are file-safe).
set -uo pipefail
cd "$(dirname "$0")/.."

names=(); commands=(); kinds=()
# step [--timing] <name> <command...>
#   --timing: its result depends on how fast it is served (a burst, a timeout, a kill): the timing lane.
step() {
  local kind=batch
  case "$1" in --timing) kind=timing; shift ;; esac
  local name="$1"; shift
  names+=("$name"); commands+=("$(printf '%q ' "$@")"); kinds+=("$kind")
}

# These machines run Node.js 20; the AWS SDK warns on every client that future SDKs need 22. Lambda runs
# nodejs22.x, so the warning says nothing about what we ship: keep it out of the test output.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

if [ -z "${TF_PLUGIN_DIR:-}" ]; then
  TF_PLUGIN_DIR="$(bash scripts/find-plugin-dir.sh || true)"; export TF_PLUGIN_DIR
fi

LOGS=.build/test-logs
SYNTH=.build/test-synth
RUNS=.build/test-runs
rm -rf "$LOGS" "$SYNTH" "$RUNS" .build/jest-*.json; mkdir -p "$LOGS" "$SYNTH" "$RUNS"   # never count a previous run

# Each step calls its tool directly, not through `pnpm -s exec` / `pnpm -s <script>`: pnpm's own start-up
# (about a second of CPU) would be paid once per step for nothing. The commands are the package.json
# scripts' own, run as `pnpm synth` runs tap.ts: `node --require ./scripts/register-ts.cjs <file>` (tsx
# compiles the repo's TypeScript, installed packages load as Node.js loads them; no tsx CLI process).
JEST=(node node_modules/jest/bin/jest.js --ci)
TSX=(node --require ./scripts/register-ts.cjs)

# Jest, one project per step; each writes its counts for the closing line. Extra arguments go to jest.
jest_step() {
  local flag=(); case "$1" in --timing) flag=("$1"); shift ;; esac
  local name="$1" project="$2"; shift 2
  step_env=(); [ "$project" = integration ] && integration_env "$name"
  step "${flag[@]+"${flag[@]}"}" "jest-$name" "${step_env[@]+"${step_env[@]}"}" "${JEST[@]}" --selectProjects "$project" --json --outputFile=".build/jest-$name.json" "$@"
}
# An integration step gets its own local environment and its own files: the run folder (synth, logs),
# the flat outputs it writes and its workers read (FLAT_OUTPUTS), the calls it records. Nothing lands in
# cfn-outputs/ or .local/, which the unit tests check no command touches.
# integration_env <name>: sets step_env to the `env ...` prefix of the step.
integration_env() { step_env=(env LOCAL_RUNS_DIR="$RUNS/$1" FLAT_OUTPUTS="$RUNS/$1/flat-outputs.json" LOCAL_CALLS_FILE="$RUNS/$1/calls.json" LOCAL_ENV_QUIET=1); }

# The checks, in the order each lane starts them.
# Timing lane, one at a time: the operations suites (each file starts its own private local environment
# and kills, stalls or throttles it; two files at a time), the load run (its own environment, functions
# side by side), the suites against one local environment, the payment flow on a production synth.
jest_step --timing integration-ops integration --maxWorkers=2 -- test/integration/operations/
step --timing load "${TSX[@]}" scripts/load/cli.ts
jest_step --timing integration integration --testPathIgnorePatterns /operations/
# The payment flow end to end against a production synth, IAM and network enforced (VPC functions, NAT).
integration_env production-enforced
step --timing integration-production-enforced "${step_env[@]}" ENVIRONMENT_PROFILE=production ENVIRONMENT_SUFFIX=itprod "${JEST[@]}" --selectProjects integration -- test/integration/payment-api.test.ts
# The other lane, longest first: the unit tests (two workers), the deploy rehearsal of every stack in every
# profile (Terraform, one root for all of them; two test files at a time), then the single-process checks.
jest_step unit unit --maxWorkers=2
jest_step rehearsal rehearsal --maxWorkers=2
# Incremental (its build info in .build/), as `pnpm typecheck` is; lint with its cache in .build/ too.
step typecheck node node_modules/typescript/bin/tsc -p tsconfig.json --noEmit --incremental --tsBuildInfoFile .build/tsconfig.tsbuildinfo
step lint node node_modules/eslint/bin/eslint.js --max-warnings 0 --cache --cache-location .build/eslint-cache .
# Every runtime call authorized and reachable: dev, pr (with the shared network), production, all options.
step access "${TSX[@]}" packages/access/src/cli.ts
# Guardrails over every profile's synth (the same rules a PR runs), each profile synthesized apart.
for profile in dev pr production; do
  step "preflight-$profile" env ENVIRONMENT_PROFILE="$profile" CDKTF_OUTDIR="$SYNTH/$profile" "${TSX[@]}" packages/preflight/src/cli.ts
done
# Quotas per profile: how many environments fit one account and Region.
step quota "${TSX[@]}" packages/quota/src/cli.ts
# Capacity per profile: what each route and asynchronous path sustains, and what binds.
step capacity "${TSX[@]}" packages/capacity/src/cli.ts
# Into its own folder: jest steps running beside it check that commands leave cdktf.out alone.
step synth env CDKTF_OUTDIR="$SYNTH/app" "${TSX[@]}" tap.ts

jobs_max="${TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}"; [ "$jobs_max" -ge 2 ] 2>/dev/null || jobs_max=2
started_all=$SECONDS
passed=0; failed=0; failures=()

# Runs one step in the background: its output to its log, then "<rc> <wall s> <cpu s>" to <log>.status.
# A step off the timing lane runs at nice 10 (about 1/10 of a core's time when a timing step wants that
# core too, all of it otherwise).
launch() {
  local name="$1" command="$2" kind="$3"
  [ "$kind" = timing ] || command="nice -n 10 $command"
  (
    start=$SECONDS
    bash -c "$command" >"$LOGS/$name.log" 2>&1
    rc=$?
    # The children's user and system time, from the shell's own accounting (no external tool needed;
    # `times` must run in this shell, not in a pipe's subshell, to see them).
    times >"$LOGS/$name.times"; read -r cu cs < <(tail -n 1 "$LOGS/$name.times")
    cpu=$(awk -v u="$cu" -v s="$cs" 'function sec(t){ split(t, p, "m"); return p[1]*60 + p[2] } BEGIN { printf "%.0f", sec(u) + sec(s) }')
    echo "$rc $((SECONDS - start)) $cpu" >"$LOGS/$name.status"
  ) &
  pids+=("$!"); running+=("$name")
}

report() {
  local name="$1" rc wall cpu
  read -r rc wall cpu <"$LOGS/$name.status"
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1)); printf -- '--- %s: ok (%ss, cpu %ss)\n' "$name" "$wall" "$cpu"
  else
    failed=$((failed + 1)); failures+=("$name")
    printf -- '--- %s: FAILED (%ss, cpu %ss), full log: %s\n' "$name" "$wall" "$cpu" "$LOGS/$name.log"
    tail -n 25 "$LOGS/$name.log" | sed 's/^/    /'
  fi
}

# Whether step $1 may start now: a timing step when no other timing step runs; any other step when
# fewer than TEST_JOBS of its lane run.
may_start() {
  local kind="${kinds[$1]}" r n=0
  for r in "${running_idx[@]+"${running_idx[@]}"}"; do [ "${kinds[$r]}" = "$kind" ] && n=$((n + 1)); done
  if [ "$kind" = timing ]; then [ "$n" -eq 0 ]; else [ "$n" -lt "$jobs_max" ]; fi
}

pids=(); running=(); running_idx=(); started=()
for i in "${!names[@]}"; do started+=(0); done
remaining=${#names[@]}
printf 'test: %d steps, the timing ones one at a time, the others %d at a time beside them; logs in %s/\n' "${#names[@]}" "$jobs_max" "$LOGS"
while [ "$remaining" -gt 0 ] || [ "${#pids[@]}" -gt 0 ]; do
  # Start, in list order, every step that may start now.
  for i in "${!names[@]}"; do
    [ "${started[$i]}" = 0 ] && may_start "$i" || continue
    started[$i]=1; remaining=$((remaining - 1)); running_idx+=("$i")
    launch "${names[$i]}" "${commands[$i]}" "${kinds[$i]}"
  done
  wait -n "${pids[@]}" 2>/dev/null || true
  # Report every step that has finished, in the order they were started.
  still=(); still_names=(); still_idx=()
  for i in "${!pids[@]}"; do
    if kill -0 "${pids[$i]}" 2>/dev/null; then still+=("${pids[$i]}"); still_names+=("${running[$i]}"); still_idx+=("${running_idx[$i]}")
    else wait "${pids[$i]}" 2>/dev/null; report "${running[$i]}"; fi
  done
  pids=("${still[@]+"${still[@]}"}"); running=("${still_names[@]+"${still_names[@]}"}"); running_idx=("${still_idx[@]+"${still_idx[@]}"}")
done

# Jest's own counts become part of the closing line; a project without results counts as one failure.
jp=0; jf=0; js=0
for project in unit rehearsal integration integration-ops; do
  file=".build/jest-$project.json"
  if [ -f "$file" ]; then
    read -r p f s < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests, r.numPendingTests)' "./$file")
    jp=$((jp + p)); jf=$((jf + f)); js=$((js + s))
    node -e 'const r=require(process.argv[1]);for(const s of r.testResults)for(const t of s.assertionResults)if(t.status==="pending")console.log("SKIPPED:",t.fullName)' "./$file"
  else
    jf=$((jf + 1))
  fi
done

printf '\n'
[ ${#failures[@]} -gt 0 ] && printf 'failed steps: %s\n' "${failures[*]}"
echo "steps: ${passed} passed, ${failed} failed ($((SECONDS - started_all))s)"
echo "test: $((passed + jp)) passed, $((failed + jf)) failed, ${js} skipped"
[ "$failed" -eq 0 ] && [ "$jf" -eq 0 ]
