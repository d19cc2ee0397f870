import { blocks, resources } from '@tap/synth';
import { policies } from '../policy';
import { defineRule } from './define';

/** True when a JSON-form principal admits everyone (`"*"` or `{ AWS: "*" }`). */
export function isOpenPrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal && typeof principal === 'object') {
    const aws = (principal as Record<string, unknown>).AWS;
    return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
  }
  return false;
}

/** TAP-EVENTS-02 an event bus is not open to every AWS account — anchors: AS-EVB1. */
export const eventsBusOpen = defineRule(
  {
    id: 'TAP-EVENTS-02',
    severity: 'error',
    description: 'aws_cloudwatch_event_permission with principal "*" has a condition (e.g. aws:PrincipalOrgID); an aws_cloudwatch_event_bus_policy Allow for "*" has a Condition',
    anchors: ['AS-EVB1'],
  },
  (ctx, report) => {
    for (const p of resources(ctx.stack.json, 'aws_cloudwatch_event_permission')) {
      if (p.body.principal === '*' && blocks(p.body.condition).length === 0) {
        report(p.address, 'principal "*" without a condition: every AWS account can put events on the bus (spoofed events reach every target). Fix: principal = the account id, or add condition { key = "aws:PrincipalOrgID", type = "StringEquals", value = <org id> }.');
      }
    }
    for (const doc of policies(ctx.stack.json)) {
      if (doc.resource.type !== 'aws_cloudwatch_event_bus_policy') continue;
      for (const s of doc.statements ?? []) {
        if (s.effect === 'Allow' && isOpenPrincipal(s.principal) && s.condition === undefined) {
          report(doc.resource.address, `${doc.attribute}${s.sid ? ` statement ${s.sid}` : ''} allows Principal "*" without a Condition: the bus is open to every AWS account. Fix: name the accounts, or add a Condition on aws:PrincipalOrgID.`);
        }
      }
    }
  },
);
