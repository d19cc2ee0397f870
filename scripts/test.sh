#!/usr/bin/env bash
# The README's test command: every check this repo has, ending with one summary line
# "test: N passed, N failed, N skipped". Skipped checks are listed by name and never counted as passed.
#
# Steps are independent (each synthesizes into its own folder and starts its own servers on ephemeral
# ports), so they run side by side, TEST_JOBS at a time (default: the number of CPUs, at least 2), the
# longest first. Each prints one line when it ends (wall and CPU seconds); its full output is in
# .build/test-logs/<step>.log, named (with its last lines) when it fails.
#
# Adding a check is one line in the list below: `step <name> <command...>` (names are file-safe).
set -uo pipefail
cd "$(dirname "$0")/.."

names=(); commands=(); alone=()
# step [--alone] <name> <command...>: --alone runs it with no other step beside it (timing-sensitive
# checks: rate limits, timeouts, latency).
step() {
  local solo=0
  if [ "$1" = "--alone" ]; then solo=1; shift; fi
  local name="$1"; shift
  names+=("$name"); commands+=("$(printf '%q ' "$@")"); alone+=("$solo")
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

# Jest, one project per step; each writes its counts for the closing line.
jest_step() {
  local flag=(); if [ "$1" = "--alone" ]; then flag=(--alone); shift; fi
  step "${flag[@]+"${flag[@]}"}" "jest-$1" pnpm -s exec jest --ci --selectProjects "$1" --json --outputFile=".build/jest-$1.json"
}

# The checks, in the order the scheduler starts them: the timing-sensitive ones alone first (burst,
# redrive and latency figures must not depend on a neighbour's CPU), then the rest longest first.
# Integration: the suites against a local environment (or AWS); operations tests kill and stall it.
jest_step --alone integration
# The load run starts and stops its own private local environment (loopback only; a few seconds).
step --alone load pnpm -s load
# The payment flow end to end against a production synth, IAM and network enforced (VPC functions, NAT).
step --alone "integration-production-enforced" env ENVIRONMENT_PROFILE=production ENVIRONMENT_SUFFIX=itprod LOCAL_ENV_QUIET=1 pnpm -s exec jest --ci --selectProjects integration -- test/integration/payment-api.test.ts
jest_step unit
# The deploy rehearsal of every stack in every profile (Terraform, one root for all of them).
jest_step rehearsal
step typecheck pnpm -s typecheck
step lint pnpm -s lint
# Guardrails over every profile's synth (the same rules a PR runs), each profile synthesized apart.
for profile in dev pr production; do
  step "preflight-$profile" env ENVIRONMENT_PROFILE="$profile" CDKTF_OUTDIR="$SYNTH/$profile" pnpm -s preflight
done
# Every runtime call authorized and reachable: dev, pr (with the shared network), production, all options.
step access pnpm -s access
# Into its own folder: jest steps running beside it check that commands leave cdktf.out alone.
step synth env CDKTF_OUTDIR="$SYNTH/app" pnpm -s synth:fast
# Quotas per profile: how many environments fit one account and Region.
step quota pnpm -s quota
# Capacity per profile: what each route and asynchronous path sustains, and what binds.
step capacity pnpm -s capacity

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

pids=(); running=(); solo_running=0
next=0
printf 'test: %d steps, %d at a time; logs in %s/\n' "${#names[@]}" "$jobs_max" "$LOGS"
while [ "$next" -lt "${#names[@]}" ] || [ "${#pids[@]}" -gt 0 ]; do
  while [ "$next" -lt "${#names[@]}" ] && [ "${#pids[@]}" -lt "$jobs_max" ]; do
    # A step that runs alone waits for the running ones to end, and nothing starts beside it.
    if [ "$solo_running" = 1 ] || { [ "${alone[$next]}" = 1 ] && [ "${#pids[@]}" -gt 0 ]; }; then break; fi
    solo_running="${alone[$next]}"
    launch "${names[$next]}" "${commands[$next]}"; next=$((next + 1))
  done
  wait -n "${pids[@]}" 2>/dev/null || true
  # Report every step that has finished, in the order they were started.
  still=(); still_names=()
  for i in "${!pids[@]}"; do
    if kill -0 "${pids[$i]}" 2>/dev/null; then still+=("${pids[$i]}"); still_names+=("${running[$i]}")
    else wait "${pids[$i]}" 2>/dev/null; report "${running[$i]}"; fi
  done
  pids=("${still[@]+"${still[@]}"}"); running=("${still_names[@]+"${still_names[@]}"}")
  [ "${#pids[@]}" -eq 0 ] && solo_running=0
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
