import { policies } from '../policy';
import { defineRule } from './define';
import { isOpenPrincipal } from './events-bus-open';

/** TAP-KMS-02 a key policy does not open the key to everyone — anchors: CKV_AWS_33. */
export const kmsPolicyPrincipal = defineRule(
  {
    id: 'TAP-KMS-02',
    severity: 'error',
    description: 'No KMS key policy Allow statement with Principal "*" (or AWS "*") and no Condition',
    anchors: ['CKV_AWS_33'],
  },
  (ctx, report) => {
    for (const doc of policies(ctx.stack.json)) {
      if (doc.kind !== 'key') continue;
      for (const s of doc.statements ?? []) {
        if (s.effect === 'Allow' && isOpenPrincipal(s.principal) && s.condition === undefined) {
          report(doc.resource.address, `${doc.attribute}${s.sid ? ` statement ${s.sid}` : ''} allows Principal "*" without a Condition: any AWS account can use the key (${s.actions.join(', ')}). Fix: the account root for administration, service principals with aws:SourceArn/SourceAccount conditions for use.`);
        }
      }
    }
  },
);
