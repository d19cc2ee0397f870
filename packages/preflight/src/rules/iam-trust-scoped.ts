import { policies } from '../policy';
import { defineRule } from './define';
import { isOpenPrincipal } from './events-bus-open';

/** An account id or an account root ARN as a trusted AWS principal. */
const ACCOUNT_PRINCIPAL = /^(\d{12}|arn:[^:]+:iam::[^:]+:root)$|data\.aws_caller_identity\.[^.]+\.account_id\}(:root)?$/;

/** TAP-IAM-05 roles are assumable only by the principals they exist for — anchors: CKV_AWS_60, CKV_AWS_61. */
export const iamTrustScoped = defineRule(
  {
    id: 'TAP-IAM-05',
    severity: 'error',
    description: 'assume_role_policy does not trust Principal "*", and trusts a whole account (id or :root) only with a Condition',
    anchors: ['CKV_AWS_60', 'CKV_AWS_61'],
  },
  (ctx, report) => {
    for (const doc of policies(ctx.stack.json)) {
      if (doc.kind !== 'trust') continue;
      for (const s of doc.statements ?? []) {
        if (s.effect !== 'Allow') continue;
        if (isOpenPrincipal(s.principal)) {
          report(doc.resource.address, 'assume_role_policy trusts Principal "*": anyone in any AWS account can assume the role. Fix: the service principal (lambda.amazonaws.com, ...) or the role ARNs that need it.');
          continue;
        }
        const aws = s.principal && typeof s.principal === 'object' ? (s.principal as Record<string, unknown>).AWS : undefined;
        const list = (Array.isArray(aws) ? aws : aws === undefined ? [] : [aws]).map(String);
        const account = list.find((p) => ACCOUNT_PRINCIPAL.test(p));
        if (account && s.condition === undefined) {
          report(doc.resource.address, `assume_role_policy trusts the whole account ${account} without a Condition: every role and user there with sts:AssumeRole can become this role. Fix: trust the specific role ARNs, or add a Condition (aws:PrincipalArn, sts:ExternalId).`);
        }
      }
    }
  },
);
