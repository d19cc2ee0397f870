#!/usr/bin/env bash
# Applies exactly the saved plans that plan.sh wrote (downloaded into cdktf.out by the apply job), and
# refuses anything else:
#   - the manifest's commit must be the commit being delivered (EXPECTED_SHA, default GITHUB_SHA);
#   - its suffix and profile must be this environment's (ENVIRONMENT_SUFFIX, ENVIRONMENT_PROFILE);
#   - every plan file must have the sha256 the plan job recorded;
#   - Terraform itself refuses a stale plan ("Saved plan is stale": the state changed since the plan).
# No synth, no new plan, no -auto-approve: `terraform apply <plan file>` applies only that plan.
# Stacks without changes are skipped. Afterwards it writes cdktf.out/outputs.json in cdktf's format
# (stack -> output -> value) for `pnpm outputs:flatten`.
#
#   bash scripts/delivery/apply.sh
set -euo pipefail
SYNTH_DIR="${SYNTH_DIR:-cdktf.out}"
case "${1:-}" in -h|--help) sed -n '2,13p' "$0"; exit 0 ;; "") ;; *) echo "apply.sh: unknown argument $1" >&2; exit 64 ;; esac
manifest="$SYNTH_DIR/plan-manifest.json"
[ -f "$manifest" ] || { echo "apply.sh: $manifest not found: download the plan job's artifact into $SYNTH_DIR first" >&2; exit 1; }
expected="${EXPECTED_SHA:-${GITHUB_SHA:-}}"
: "${expected:?apply.sh: EXPECTED_SHA or GITHUB_SHA must name the commit being delivered}"
: "${ENVIRONMENT_SUFFIX:?apply.sh: ENVIRONMENT_SUFFIX must be set}"
: "${ENVIRONMENT_PROFILE:?apply.sh: ENVIRONMENT_PROFILE must be set}"

# The manifest's fields, read once: one node start for all of them (a list is space-separated).
fields=$(node -e 'const m=require(require("path").resolve(process.argv[1]));for(const k of ["sha","suffix","profile","changed","stacks"]){const v=m[k];console.log(k+"="+(Array.isArray(v)?v.join(" "):v))}' "$manifest")
field() { sed -n "s/^$1=//p" <<<"$fields"; }
refuse() { echo "apply.sh: REFUSED: $1" >&2; exit 1; }
[ "$(field sha)" = "$expected" ] || refuse "the plans were made for commit $(field sha), this run delivers $expected; plan again"
[ "$(field suffix)" = "$ENVIRONMENT_SUFFIX" ] || refuse "the plans are for suffix $(field suffix), this environment is $ENVIRONMENT_SUFFIX"
[ "$(field profile)" = "$ENVIRONMENT_PROFILE" ] || refuse "the plans are for profile $(field profile), this environment is $ENVIRONMENT_PROFILE"
node -e '
  const { createHash } = require("node:crypto"); const { readFileSync } = require("node:fs");
  const [dir] = process.argv.slice(1); const m = JSON.parse(readFileSync(`${dir}/plan-manifest.json`, "utf8"));
  for (const [file, sum] of Object.entries(m.files)) {
    const actual = createHash("sha256").update(readFileSync(`${dir}/stacks/${file}`)).digest("hex");
    if (actual !== sum) { console.error(`apply.sh: REFUSED: ${file} is not the plan that was reviewed (sha256 ${actual}, recorded ${sum})`); process.exit(1); }
  }' "$SYNTH_DIR"

changed=" $(field changed) "
outputs="{}"
for stack in $(field stacks); do
  dir="$SYNTH_DIR/stacks/$stack"
  (cd "$dir" && terraform init -input=false -no-color >/dev/null)
  if [[ "$changed" == *" $stack "* ]]; then
    echo "::group::apply $stack"
    (cd "$dir" && terraform apply -input=false -no-color plan.tfplan)
    echo "::endgroup::"
  else
    echo "apply.sh: $stack: no changes in its plan, not applied"
  fi
  outputs="$(cd "$dir" && terraform output -json | node -e '
    const prev = JSON.parse(process.argv[1]); let text = ""; process.stdin.on("data", (d) => (text += d));
    process.stdin.on("end", () => { const out = JSON.parse(text || "{}"); prev[process.argv[2]] = Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.value])); console.log(JSON.stringify(prev)); });' "$outputs" "$stack")"
done
printf '%s\n' "$outputs" > "$SYNTH_DIR/outputs.json"
echo "apply.sh: applied the reviewed plans of $(field sha | cut -c1-12) to $ENVIRONMENT_SUFFIX ($ENVIRONMENT_PROFILE); changed: $(field changed)"
