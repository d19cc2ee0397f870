#!/usr/bin/env bash
# The `live` aliases of one environment's Lambda functions (found by the EnvironmentSuffix tag).
#   record <file>    write {"<function>": "<version>"} for every function with a live alias
#   restore <file>   point every live alias back at the recorded version: the one-command rollback
# The delivery workflow records before applying and restores when the bake alarms fire; by hand:
#   ENVIRONMENT_SUFFIX=prod bash scripts/delivery/live-aliases.sh restore live-aliases-before.json
set -euo pipefail
cmd="${1:-}"; file="${2:-}"
case "$cmd" in
  record|restore) [ -n "$file" ] || { echo "live-aliases.sh: $cmd needs a file" >&2; exit 64; } ;;
  -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
  *) echo "usage: live-aliases.sh record|restore <file>" >&2; exit 64 ;;
esac
: "${ENVIRONMENT_SUFFIX:?live-aliases.sh: ENVIRONMENT_SUFFIX must be set}"

if [ "$cmd" = record ]; then
  arns="$(aws resourcegroupstaggingapi get-resources --resource-type-filters lambda:function \
    --tag-filters "Key=EnvironmentSuffix,Values=$ENVIRONMENT_SUFFIX" --query 'ResourceTagMappingList[].ResourceARN' --output text)"
  echo "{" > "$file.tmp"; sep=""
  for arn in $arns; do
    fn="${arn##*:function:}"; fn="${fn%%:*}"
    version="$(aws lambda get-alias --function-name "$fn" --name live --query FunctionVersion --output text 2>/dev/null || true)"
    [ -n "$version" ] || continue
    printf '%s  "%s": "%s"' "$sep" "$fn" "$version" >> "$file.tmp"; sep=$',\n'
  done
  printf '\n}\n' >> "$file.tmp"; mv "$file.tmp" "$file"
  echo "live-aliases.sh: recorded $(grep -c '": "' "$file" || true) live aliases of $ENVIRONMENT_SUFFIX in $file"
else
  [ -f "$file" ] || { echo "live-aliases.sh: $file not found (the deliver run's live-aliases artifact)" >&2; exit 1; }
  node -e 'for (const [f, v] of Object.entries(require(require("path").resolve(process.argv[1])))) console.log(f, v)' "$file" |
    while read -r fn version; do
      aws lambda update-alias --function-name "$fn" --name live --function-version "$version" --query '[Name,FunctionVersion]' --output text >/dev/null
      echo "live-aliases.sh: $fn live -> $version"
    done
fi
