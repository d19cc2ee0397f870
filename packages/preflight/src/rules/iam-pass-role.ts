import { policies } from '../policy';
import { defineRule } from './define';

/** True when an action pattern covers iam:PassRole (`iam:PassRole`, `iam:Pass*`, `iam:*`, `*`). */
function coversPassRole(action: string): boolean {
  const re = new RegExp(`^${action.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
  return re.test('iam:PassRole');
}

/** TAP-IAM-04 iam:PassRole names the roles and the service they go to — anchors: AVD-AWS-0342, CKV_AWS_286, CKV_AWS_110. */
export const iamPassRole = defineRule(
  {
    id: 'TAP-IAM-04',
    severity: 'error',
    description: 'An identity policy that allows iam:PassRole scopes Resource to role ARNs (not "*") and has an iam:PassedToService condition',
    anchors: ['AVD-AWS-0342', 'CKV_AWS_286', 'CKV_AWS_110'],
  },
  (ctx, report) => {
    for (const doc of policies(ctx.stack.json)) {
      if (doc.kind !== 'identity') continue;
      for (const s of doc.statements ?? []) {
        if (s.effect !== 'Allow' || !s.actions.some(coversPassRole)) continue;
        const where = `${doc.attribute}${s.sid ? ` statement ${s.sid}` : ''}`;
        if (s.resources.includes('*') || s.resources.some((r) => /:role\/\*$/.test(r))) {
          report(doc.resource.address, `${where} allows iam:PassRole on ${s.resources.join(', ')}: the principal can hand any role (including admin roles) to a service it controls — privilege escalation. Fix: Resource = the ARNs of the roles it must pass.`);
        } else if (!JSON.stringify(s.condition ?? {}).includes('iam:PassedToService')) {
          report(doc.resource.address, `${where} allows iam:PassRole without an iam:PassedToService condition: the roles can be passed to any service. Fix: Condition StringEquals iam:PassedToService = the one service (e.g. lambda.amazonaws.com).`);
        }
      }
    }
  },
);
