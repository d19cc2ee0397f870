#!/usr/bin/env bash
# Watches one environment's CloudWatch alarms (found by the EnvironmentSuffix tag) for a bake period
# after a deploy. Exit 0 when none went into ALARM, 1 naming the alarms (and their runbooks) that did.
#   ENVIRONMENT_SUFFIX=prod bash scripts/delivery/bake.sh <minutes> [poll seconds, default 60]
set -euo pipefail
minutes="${1:-}"; poll="${2:-60}"
[[ "$minutes" =~ ^[0-9]+$ ]] || { echo "usage: bake.sh <minutes> [poll seconds]" >&2; exit 64; }
: "${ENVIRONMENT_SUFFIX:?bake.sh: ENVIRONMENT_SUFFIX must be set}"
names="$(aws resourcegroupstaggingapi get-resources --resource-type-filters cloudwatch:alarm \
  --tag-filters "Key=EnvironmentSuffix,Values=$ENVIRONMENT_SUFFIX" --query 'ResourceTagMappingList[].ResourceARN' --output text \
  | tr '\t' '\n' | sed 's|.*:alarm:||' | sort -u)"
[ -n "$names" ] || { echo "bake.sh: no alarms tagged EnvironmentSuffix=$ENVIRONMENT_SUFFIX; nothing to watch is a failure" >&2; exit 1; }
echo "bake.sh: watching $(echo "$names" | wc -l) alarms of $ENVIRONMENT_SUFFIX for $minutes minutes"
deadline=$((SECONDS + minutes * 60))
while :; do
  # describe-alarms takes at most 100 names per call
  firing="$(echo "$names" | xargs -n 100 aws cloudwatch describe-alarms --state-value ALARM --query 'MetricAlarms[].[AlarmName,AlarmDescription]' --output text --alarm-names)"
  if [ -n "$firing" ]; then
    echo "::error::alarms in ALARM during the bake period:"; echo "$firing"
    exit 1
  fi
  [ $SECONDS -lt $deadline ] || break
  sleep "$poll"
done
echo "bake.sh: no alarm fired in $minutes minutes"
