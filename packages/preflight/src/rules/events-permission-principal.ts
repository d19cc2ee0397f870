import { refs, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-EVENTS-01 EventBridge permission principal is an account id or "*", never an ARN — no public anchor (PIPE-10). */
export const eventsPermissionPrincipal = defineRule(
  {
    id: 'TAP-EVENTS-01',
    severity: 'error',
    description: 'aws_cloudwatch_event_permission.principal is a 12-digit account id (token) or "*", not an ARN',
    anchors: [],
  },
  (ctx, report) => {
    for (const r of resources(ctx.stack.json, 'aws_cloudwatch_event_permission')) {
      const principal = r.body.principal;
      if (typeof principal !== 'string') continue;
      const arnRef = refs(principal).some((ref) => ref.attr === 'arn');
      if (arnRef || principal.startsWith('arn:')) {
        report(r.address, `principal "${principal}" is an ARN; EventBridge accepts only an account id or "*" and the apply fails (docs/failures.md PIPE-10). Fix: principal = data.aws_caller_identity account_id (stack.accountId).`);
      }
    }
  },
);
