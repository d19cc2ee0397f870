#!/usr/bin/env bash
# Saved plans for a long-lived environment: one `terraform plan -out` per stack, in the synthesized stack
# directory (cdktf.out/stacks/<stack>), so the apply job finds the plan next to the exact configuration
# and assets it was made from. Writes per stack plan.tfplan, plan.json (terraform show -json) and
# plan.txt, plus cdktf.out/plan-manifest.json (commit, suffix, profile, stacks in apply order, which
# changed, sha256 of each plan). Run after `pnpm synth`.
#
#   bash scripts/delivery/plan.sh [--detailed-exitcode] <stack>...
#
# Exit 0 when every plan succeeded; with --detailed-exitcode 2 when any stack has changes (drift check).
# Needs ENVIRONMENT_SUFFIX and ENVIRONMENT_PROFILE; the commit is GITHUB_SHA or git HEAD.
set -euo pipefail
SYNTH_DIR="${SYNTH_DIR:-cdktf.out}"
detailed=false
stacks=()
for arg in "$@"; do
  case "$arg" in
    --detailed-exitcode) detailed=true ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    -*) echo "plan.sh: unknown option $arg" >&2; exit 64 ;;
    *) stacks+=("$arg") ;;
  esac
done
[ ${#stacks[@]} -gt 0 ] || { echo "plan.sh: name the stacks to plan, in apply order (e.g. vpc payment-api rest-api event-pipeline)" >&2; exit 64; }
: "${ENVIRONMENT_SUFFIX:?plan.sh: ENVIRONMENT_SUFFIX must be set (the environment the plans are for)}"
: "${ENVIRONMENT_PROFILE:?plan.sh: ENVIRONMENT_PROFILE must be set}"
sha="${GITHUB_SHA:-$(git rev-parse HEAD)}"

changed=()
for stack in "${stacks[@]}"; do
  dir="$SYNTH_DIR/stacks/$stack"
  [ -f "$dir/cdk.tf.json" ] || { echo "plan.sh: $dir/cdk.tf.json not found; run pnpm synth first" >&2; exit 1; }
  echo "::group::plan $stack"
  (cd "$dir" && terraform init -input=false -no-color >/dev/null)
  set +e
  (cd "$dir" && terraform plan -input=false -no-color -detailed-exitcode -out=plan.tfplan)
  rc=$?
  set -e
  echo "::endgroup::"
  case "$rc" in
    0) ;;
    2) changed+=("$stack") ;;
    *) echo "plan.sh: terraform plan of $stack failed (exit $rc); a prevent_destroy error names the resource: see docs/operations/delivery.md#override-a-reviewed-destroy-or-replacement" >&2; exit 1 ;;
  esac
  (cd "$dir" && terraform show -json plan.tfplan > plan.json && terraform show -no-color plan.tfplan > plan.txt)
done

node - "$SYNTH_DIR" "$sha" "${stacks[*]}" "${changed[*]:-}" <<'NODE'
const { createHash } = require('node:crypto');
const { readFileSync, writeFileSync } = require('node:fs');
const [dir, sha, stacks, changed] = process.argv.slice(2);
const list = stacks.split(' ').filter(Boolean);
const files = Object.fromEntries(list.map((s) => [`${s}/plan.tfplan`, createHash('sha256').update(readFileSync(`${dir}/stacks/${s}/plan.tfplan`)).digest('hex')]));
const manifest = { sha, suffix: process.env.ENVIRONMENT_SUFFIX, profile: process.env.ENVIRONMENT_PROFILE, stacks: list, changed: changed.split(' ').filter(Boolean), createdAt: new Date().toISOString(), files };
writeFileSync(`${dir}/plan-manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
NODE
echo "plan.sh: ${#stacks[@]} plans for $ENVIRONMENT_SUFFIX ($ENVIRONMENT_PROFILE) at ${sha:0:12}; changed: ${changed[*]:-none}"
if [ "$detailed" = true ] && [ ${#changed[@]} -gt 0 ]; then exit 2; fi
exit 0
