import { resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-LAMBDA-06 each Lambda's /aws/lambda/<name> log group is created by the stack — no public anchor (FND-10; PIPE-08). */
export const lambdaLogGroup = defineRule(
  {
    id: 'TAP-LAMBDA-06',
    severity: 'error',
    description: 'The stack creates /aws/lambda/<function_name> for each of its functions',
    anchors: [],
  },
  (ctx, report) => {
    const groups = resources(ctx.stack.json, 'aws_cloudwatch_log_group');
    for (const fn of resources(ctx.stack.json, 'aws_lambda_function')) {
      const name = fn.body.function_name;
      if (typeof name !== 'string') continue;
      const owned = groups.some((g) => {
        const gName = g.body.name;
        if (typeof gName !== 'string' || !gName.startsWith('/aws/lambda/')) return false;
        return gName === `/aws/lambda/${name}` || gName.endsWith(`\${aws_lambda_function.${fn.name}.function_name}`);
      });
      if (!owned) {
        report(fn.address, `no aws_cloudwatch_log_group "/aws/lambda/${name}" in the stack: Lambda creates it on first run without retention or KMS, destroy leaves it behind and the next deploy of the same suffix collides. Fix: create the log group in the stack (NodejsFunction does) and make the function depend on it.`);
      }
    }
  },
);
