import { hasToken, resources } from '@tap/synth';
import { defineRule } from './define';

/** Oldest current version per runtime family (nodejs20.x ends 2026-04-30, python3.11 ends 2026). */
export const CURRENT_RUNTIMES: Record<string, number[]> = {
  nodejs: [22],
  python: [3, 12],
  java: [17],
  dotnet: [8],
  ruby: [3, 3],
};
/** Runtimes that are current whatever their version string says. */
const ALWAYS_CURRENT = ['provided.al2023', 'provided.al2'];

function isCurrent(runtime: string): boolean {
  if (ALWAYS_CURRENT.includes(runtime)) return true;
  const m = /^([a-z]+)(\d+(?:\.\d+)*)/.exec(runtime);
  if (!m || !(m[1] in CURRENT_RUNTIMES)) return false;
  const version = m[2].split('.').map(Number);
  const min = CURRENT_RUNTIMES[m[1]];
  for (let i = 0; i < min.length; i++) {
    const v = version[i] ?? 0;
    if (v !== min[i]) return v > min[i];
  }
  return true;
}

/** TAP-LAMBDA-01 Lambda runtime current — anchors: AS-L1, SL-LambdaLatestVersion, CKV_AWS_363 (PIPE-21). */
export const lambdaRuntime = defineRule(
  {
    id: 'TAP-LAMBDA-01',
    severity: 'error',
    description: 'Lambda runtime is current (nodejs22.x+, python3.12+, java17+, dotnet8+, ruby3.3+, provided.al2023)',
    anchors: ['AS-L1', 'SL-LambdaLatestVersion', 'CKV_AWS_363'],
  },
  (ctx, report) => {
    for (const r of resources(ctx.stack.json, 'aws_lambda_function')) {
      const runtime = r.body.runtime;
      if (typeof runtime !== 'string' || hasToken(runtime) || isCurrent(runtime)) continue;
      report(r.address, `runtime ${runtime} is past or near the end of AWS support (nodejs18.x ended 2025-09-01, nodejs20.x ends 2026-04-30): deploys are blocked after deprecation. Fix: use a current runtime, e.g. nodejs22.x (LAMBDA_RUNTIME in @tap/bundle).`);
    }
  },
);
