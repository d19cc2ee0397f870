import { num, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-LAMBDA-05 reserved concurrency within the app-wide budget — anchors: NIST-LambdaConcurrency, CKV_AWS_115 (PIPE-05: 100+50+75, docs/decisions/006-many-environments-per-account.md). */
export const lambdaConcurrencyBudget = defineRule(
  {
    id: 'TAP-LAMBDA-05',
    severity: 'error',
    description: 'Sum of reserved_concurrent_executions over all stacks x planned environments <= account limit - 100 unreserved',
    anchors: ['NIST-LambdaConcurrency', 'CKV_AWS_115'],
  },
  (ctx, report) => {
    const { accountConcurrency, minUnreserved, plannedEnvironments, stacks } = ctx.app;
    const perStack = stacks.map((s) => ({
      name: s.name,
      reserved: resources(s.json, 'aws_lambda_function').reduce((sum, r) => sum + Math.max(0, num(r.body.reserved_concurrent_executions) ?? 0), 0),
    }));
    const sum = perStack.reduce((a, s) => a + s.reserved, 0);
    const total = sum * plannedEnvironments;
    const available = accountConcurrency - minUnreserved;
    if (total <= available) return;
    const detail = perStack.filter((s) => s.reserved > 0).map((s) => `${s.name}=${s.reserved}`).join(', ');
    for (const r of resources(ctx.stack.json, 'aws_lambda_function')) {
      const reserved = num(r.body.reserved_concurrent_executions);
      if (reserved === undefined || reserved <= 0) continue;
      report(
        r.address,
        `reserves ${reserved}; the app reserves ${sum} per environment (${detail}) x ${plannedEnvironments} planned environments = ${total}, over the ${available} available (account limit ${accountConcurrency} - ${minUnreserved} unreserved): the deploy fails with "decreases account's UnreservedConcurrentExecution below its minimum value of [100]". Fix: lower reserved_concurrent_executions in config, or run with the real --account-concurrency / --planned-environments.`,
      );
    }
  },
);
