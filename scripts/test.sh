#!/usr/bin/env bash
# The README's test command: every check this repo has, ending with one summary line
# "test: N passed, N failed, N skipped". Skipped checks are listed by name and never counted as passed.
#
# Steps are independent (each synthesizes into its own folder and starts its own servers on ephemeral
# ports), so they run side by side, TEST_JOBS at a time (default: the number of CPUs, at least 2). The
# timing-sensitive ones run first, alone or with at most one light step beside them (one core at most:
# the other core stays theirs); then the rest, longest first. Each prints one line when it ends
# (wall and CPU seconds); its full output is in .build/test-logs/<step>.log, named (with its last lines)
# when it fails.
#
# Adding a check is one line in the list below: `step [--alone|--timing|--light] <name> <command...>`
# (names are file-safe).
set -uo pipefail
cd "$(dirname "$0")/.."

names=(); commands=(); kinds=()
# step [--alone|--timing|--light] <name> <command...>
#   --alone: timing-sensitive and itself using both cores (the load run's functions): nothing beside it.
#   --timing: timing-sensitive (rate limits, timeouts): nothing beside it but one light step.
#   --light: never uses more than one core (one process, or jest with one worker; no Terraform).
step() {
  local kind=normal
  case "$1" in --alone) kind=alone; shift ;; --timing) kind=timing; shift ;; --light) kind=light; shift ;; esac
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
rm -rf "$LOGS" "$SYNTH" .build/jest-*.json; mkdir -p "$LOGS" "$SYNTH"   # never count a previous run

# Each step calls its tool directly, not through `pnpm -s exec` / `pnpm -s <script>`: pnpm's own start-up
# (about a second of CPU) would be paid once per step for nothing. The commands are the package.json
# scripts' own (`tsx <file>` runs as `node --require tsx/cjs <file>`, without the tsx CLI's extra process).
JEST=(node node_modules/jest/bin/jest.js --ci)
TSX=(node --require tsx/cjs)

# Jest, one project per step; each writes its counts for the closing line. Extra arguments go to jest.
jest_step() {
  local flag=(); case "$1" in --alone | --timing | --light) flag=("$1"); shift ;; esac
  local project="$1"; shift
  step "${flag[@]+"${flag[@]}"}" "jest-$project" "${JEST[@]}" --selectProjects "$project" --json --outputFile=".build/jest-$project.json" "$@"
}

# The checks, in the order the scheduler starts them: the timing-sensitive ones first (burst, redrive
# and latency figures must not depend on a neighbour's CPU), then the rest longest first.
# The load run starts and stops its own private local environment (loopback only; a few seconds). Its
# latency figures are the most sensitive, and its functions run side by side: nothing runs beside it.
step --alone load "${TSX[@]}" scripts/load/cli.ts
# The payment flow end to end against a production synth, IAM and network enforced (VPC functions, NAT).
step --timing "integration-production-enforced" env ENVIRONMENT_PROFILE=production ENVIRONMENT_SUFFIX=itprod LOCAL_ENV_QUIET=1 "${JEST[@]}" --selectProjects integration -- test/integration/payment-api.test.ts
# Integration: the suites against a local environment (or AWS); operations tests kill and stall it.
# Alone: its burst test measures a token bucket by sending at once, which a neighbour on the second core
# spreads out (no 429 then), and its global setup writes cfn-outputs/, which the unit tests check no
# command touches.
jest_step --alone integration
# The unit tests, two workers, beside the rehearsal and the light steps once the suites above are done.
jest_step unit --maxWorkers=2
# The deploy rehearsal of every stack in every profile (Terraform, one root for all of them), two test
# files at a time: Terraform's own graph walks use the second core as soon as the unit tests leave it.
jest_step rehearsal --maxWorkers=2
# Incremental (its build info in .build/), as `pnpm typecheck` is; lint with its cache in .build/ too.
step --light typecheck node node_modules/typescript/bin/tsc -p tsconfig.json --noEmit --incremental --tsBuildInfoFile .build/tsconfig.tsbuildinfo
step --light lint node node_modules/eslint/bin/eslint.js --max-warnings 0 --cache --cache-location .build/eslint-cache .
# Every runtime call authorized and reachable: dev, pr (with the shared network), production, all options.
step --light access "${TSX[@]}" packages/access/src/cli.ts
# Guardrails over every profile's synth (the same rules a PR runs), each profile synthesized apart.
for profile in dev pr production; do
  step --light "preflight-$profile" env ENVIRONMENT_PROFILE="$profile" CDKTF_OUTDIR="$SYNTH/$profile" "${TSX[@]}" packages/preflight/src/cli.ts
done
# Quotas per profile: how many environments fit one account and Region.
step --light quota "${TSX[@]}" packages/quota/src/cli.ts
# Capacity per profile: what each route and asynchronous path sustains, and what binds.
step --light capacity "${TSX[@]}" packages/capacity/src/cli.ts
# Into its own folder: jest steps running beside it check that commands leave cdktf.out alone.
step --light synth env CDKTF_OUTDIR="$SYNTH/app" "${TSX[@]}" tap.ts

jobs_max="${TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}"; [ "$jobs_max" -ge 2 ] 2>/dev/null || jobs_max=2
started_all=$SECONDS
passed=0; failed=0; failures=()

# Runs one step in the background: its output to its log, then "<rc> <wall s> <cpu s>" to <log>.status.
launch() {
  local name="$1" command="$2"
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

# Whether step $1 may start beside the running ones: an alone step beside nothing; a timing step beside
# at most one light step, and beside it only one light step. While an alone step waits nothing else
# starts; while a timing step waits, only light steps go ahead.
may_start() {
  local kind="${kinds[$1]}" r
  [ "${#pids[@]}" -lt "$jobs_max" ] || return 1
  [ "$kind" = alone ] && { [ "${#pids[@]}" -eq 0 ]; return; }
  if [ "$kind" = timing ]; then
    [ "${#pids[@]}" -eq 0 ] || { [ "${#pids[@]}" -eq 1 ] && [ "${kinds[${running_idx[0]}]}" = light ]; }
    return
  fi
  for r in "${running_idx[@]+"${running_idx[@]}"}"; do
    [ "${kinds[$r]}" = alone ] && return 1
    [ "${kinds[$r]}" = timing ] && { [ "$kind" = light ] && [ "${#pids[@]}" -eq 1 ]; return; }
  done
  for r in "${!names[@]}"; do
    [ "${started[$r]}" = 0 ] || continue
    [ "${kinds[$r]}" = alone ] && return 1
    [ "${kinds[$r]}" = timing ] && [ "$kind" != light ] && return 1
  done
  return 0
}

pids=(); running=(); running_idx=(); started=()
for i in "${!names[@]}"; do started+=(0); done
remaining=${#names[@]}
printf 'test: %d steps, %d at a time; logs in %s/\n' "${#names[@]}" "$jobs_max" "$LOGS"
while [ "$remaining" -gt 0 ] || [ "${#pids[@]}" -gt 0 ]; do
  # Start, in list order, every step that may start now.
  for i in "${!names[@]}"; do
    [ "${started[$i]}" = 0 ] && may_start "$i" || continue
    started[$i]=1; remaining=$((remaining - 1)); running_idx+=("$i")
    launch "${names[$i]}" "${commands[$i]}"
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
for project in unit rehearsal integration; do
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
