import { num, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-LAMBDA-02 Lambda timeout explicit and in range (default 30-300 s) — anchors: SL-LambdaDefaultTimeout (PIPE-18 authorizer timeout 5). */
export const lambdaTimeout = defineRule(
  {
    id: 'TAP-LAMBDA-02',
    severity: 'error',
    description: 'Lambda timeout is set and within the allowed range (30-300 s by default)',
    anchors: ['SL-LambdaDefaultTimeout'],
  },
  (ctx, report) => {
    const [min, max] = ctx.app.timeoutRange;
    for (const r of resources(ctx.stack.json, 'aws_lambda_function')) {
      if (r.body.timeout === undefined) {
        report(r.address, `timeout not set: the 3 s default is below the ${min}-${max} s range. Fix: set timeout explicitly (NodejsFunction's timeout, default ${min}).`);
        continue;
      }
      const timeout = num(r.body.timeout);
      if (timeout !== undefined && (timeout < min || timeout > max)) {
        report(r.address, `timeout ${timeout} s is outside ${min}-${max} s (docs/failures.md PIPE-18). Fix: set timeout between ${min} and ${max}.`);
      }
    }
  },
);
