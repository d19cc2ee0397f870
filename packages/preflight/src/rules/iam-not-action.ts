import { policies } from '../policy';
import { defineRule } from './define';

/** TAP-IAM-03 no Allow by exclusion (NotAction / NotResource) — no public anchor (cdk-nag AS-IAM5 and checkov CKV_AWS_62/63 read Action only, so an Allow with NotAction passes them). */
export const iamNotAction = defineRule(
  {
    id: 'TAP-IAM-03',
    severity: 'error',
    description: 'No Allow statement with NotAction or NotResource in any policy (identity, resource, trust, key)',
    anchors: [],
  },
  (ctx, report) => {
    for (const doc of policies(ctx.stack.json)) {
      for (const s of doc.statements ?? []) {
        if (s.effect !== 'Allow') continue;
        const by = [...(s.notActions.length ? [`NotAction ${s.notActions.join(', ')}`] : []), ...(s.notResources.length ? [`NotResource ${s.notResources.join(', ')}`] : [])];
        if (by.length) {
          report(doc.resource.address, `${doc.attribute}${s.sid ? ` statement ${s.sid}` : ''} allows by exclusion (${by.join('; ')}): it grants every other action or resource, including ones AWS adds later. Fix: an Allow that lists the actions and resources; use NotAction/NotResource only in Deny statements.`);
        }
      }
    }
  },
);
