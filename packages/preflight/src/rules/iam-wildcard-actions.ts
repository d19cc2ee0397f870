import { policies, type PolicyDoc, type Statement } from '../policy';
import { resources } from '@tap/synth';
import { defineRule } from './define';

/** Managed policies that grant whole services (or everything). */
const BROAD_MANAGED = /:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess|[A-Za-z0-9]*FullAccess)$/;

const isWildcard = (action: string): boolean => action === '*' || /^[A-Za-z0-9-]+:\*$/.test(action);

/** The AWS default key-administration statement: the account root may do kms:* on the key itself. */
function isKeyAdministration(doc: PolicyDoc, s: Statement): boolean {
  if (doc.kind !== 'key') return false;
  if (!s.actions.every((a) => a === 'kms:*' || !isWildcard(a))) return false;
  const aws = s.principal && typeof s.principal === 'object' ? (s.principal as Record<string, unknown>).AWS : undefined;
  const principals = Array.isArray(aws) ? aws.map(String) : aws !== undefined ? [String(aws)] : [];
  return principals.length > 0 && principals.every((p) => /:root$/.test(p) || /^\d{12}$/.test(p) || /account_id\}$/.test(p));
}

/** TAP-IAM-01 no wildcard actions in Allow statements — anchors: AS-IAM5, SL-LambdaStarPermissions, CKV_AWS_1, CKV_AWS_49, CKV_AWS_62, CKV_AWS_63, AVD-AWS-0057. */
export const iamWildcardActions = defineRule(
  {
    id: 'TAP-IAM-01',
    severity: 'error',
    description: 'No Allow statement with Action "*" or "<service>:*" (KMS key-administration by the account root exempt); no *FullAccess managed policy',
    anchors: ['AS-IAM5', 'SL-LambdaStarPermissions', 'CKV_AWS_1', 'CKV_AWS_49', 'CKV_AWS_62', 'CKV_AWS_63', 'AVD-AWS-0057'],
  },
  (ctx, report) => {
    for (const doc of policies(ctx.stack.json)) {
      for (const s of doc.statements ?? []) {
        if (s.effect !== 'Allow' || isKeyAdministration(doc, s)) continue;
        const wild = s.actions.filter(isWildcard);
        if (s.notActions.length > 0) wild.push(`NotAction ${s.notActions.join(',')}`);
        if (wild.length > 0) {
          report(doc.resource.address, `${doc.attribute}${s.sid ? ` statement ${s.sid}` : ''} allows ${wild.join(', ')}: every current and future action of the service. Fix: list the exact actions the code calls, each with a comment saying why.`);
        }
      }
    }
    for (const r of resources(ctx.stack.json, 'aws_iam_role_policy_attachment', 'aws_iam_policy_attachment', 'aws_iam_user_policy_attachment', 'aws_iam_group_policy_attachment')) {
      if (typeof r.body.policy_arn === 'string' && BROAD_MANAGED.test(r.body.policy_arn)) {
        report(r.address, `attaches ${r.body.policy_arn}, which grants whole services. Fix: an inline policy with the exact actions on the exact ARNs.`);
      }
    }
  },
);
