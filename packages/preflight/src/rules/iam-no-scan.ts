import { policies } from '../policy';
import { defineRule } from './define';

/** True when an action pattern covers dynamodb:Scan (`dynamodb:Scan`, `dynamodb:S*`, ...; `dynamodb:*` is TAP-IAM-01's). */
function coversScan(action: string): boolean {
  if (action === '*' || action.toLowerCase() === 'dynamodb:*') return false;
  const re = new RegExp(`^${action.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
  return re.test('dynamodb:Scan');
}

/** TAP-IAM-06 no dynamodb:Scan grant: every read in this app is by key (GetItem) or by partition (Query) — no public anchor (the repo's design rule; docs/architecture.md departure 3). */
export const iamNoScan = defineRule(
  {
    id: 'TAP-IAM-06',
    severity: 'error',
    description: 'No identity policy allows dynamodb:Scan: reads are by key (GetItem) or partition (Query), and a Scan reads (and bills) the whole table',
    anchors: [],
  },
  (ctx, report) => {
    for (const doc of policies(ctx.stack.json)) {
      if (doc.kind !== 'identity') continue;
      for (const s of doc.statements ?? []) {
        if (s.effect !== 'Allow') continue;
        const scans = s.actions.filter(coversScan);
        if (scans.length) {
          report(doc.resource.address, `${doc.attribute}${s.sid ? ` statement ${s.sid}` : ''} allows ${scans.join(', ')}: a Scan reads every item of the table (cost and latency grow with the table, and it reads other tenants' items). Fix: read by key (dynamodb:GetItem) or by partition with a key condition (dynamodb:Query), and drop Scan from the grant.`);
        }
      }
    }
  },
);
