#!/usr/bin/env bash
# The README's test command: every check this repo has, in order, ending with one summary line
# "test: N passed, N failed, N skipped". Skipped checks are listed by name and never counted as passed.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0; failed=0; failures=()
step() {
  local name="$1"; shift
  printf '\n=== %s\n' "$name"
  local started=$SECONDS
  if "$@"; then
    passed=$((passed + 1)); printf -- '--- %s: ok (%ss)\n' "$name" $((SECONDS - started))
  else
    failed=$((failed + 1)); failures+=("$name"); printf -- '--- %s: FAILED (%ss)\n' "$name" $((SECONDS - started))
  fi
}

# These machines run Node.js 20; the AWS SDK warns on every client that future SDKs need 22. Lambda runs
# nodejs22.x, so the warning says nothing about what we ship: keep it out of the test output.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

if [ -z "${TF_PLUGIN_DIR:-}" ]; then
  TF_PLUGIN_DIR="$(bash scripts/find-plugin-dir.sh || true)"; export TF_PLUGIN_DIR
fi

step typecheck pnpm -s typecheck
step lint pnpm -s lint
step synth pnpm -s synth:fast
# Guardrails over every profile's synth (the same rules a PR runs).
for profile in dev pr production; do
  step "preflight ($profile)" env ENVIRONMENT_PROFILE="$profile" pnpm -s preflight
done
# Every runtime call authorized and reachable: dev, pr (with the shared network), production, all options.
step access pnpm -s access
mkdir -p .build && rm -f .build/jest-results.json   # never count a previous run
step jest pnpm -s exec jest --ci --json --outputFile=.build/jest-results.json
# The payment flow end to end against a production synth, IAM and network enforced (VPC functions, NAT).
step "integration (production, enforced)" env ENVIRONMENT_PROFILE=production ENVIRONMENT_SUFFIX=itprod LOCAL_ENV_QUIET=1 pnpm -s exec jest --ci --selectProjects integration -- test/integration/payment-api.test.ts
# The load run starts and stops its own private local environment (loopback only; a few seconds).
step load pnpm -s load
# Quotas per profile: how many environments fit one account and Region (issue 13).
step quota pnpm -s quota

# Jest's own counts become part of the closing line.
if [ -f .build/jest-results.json ]; then
  read -r jp jf js < <(node -e 'const r=require("./.build/jest-results.json");console.log(r.numPassedTests, r.numFailedTests, r.numPendingTests)')
  node -e 'const r=require("./.build/jest-results.json");for(const s of r.testResults)for(const t of s.assertionResults)if(t.status==="pending")console.log("SKIPPED:",t.fullName)'
else
  jp=0; jf=1; js=0
fi

printf '\n'
[ ${#failures[@]} -gt 0 ] && printf 'failed steps: %s\n' "${failures[*]}"
echo "steps: ${passed} passed, ${failed} failed"
echo "test: $((passed + jp)) passed, $((failed + jf)) failed, ${js} skipped"
[ "$failed" -eq 0 ] && [ "$jf" -eq 0 ]
