import { literalPart, numbers, resources, strings } from '@tap/synth';
import { defineRule } from './define';

/** Attributes that hold hashes or file paths, where a 12-digit run is not an account id. */
const HASH_KEYS = new Set(['source_code_hash', 'source_hash', 'etag', 'triggers', 'redeployment', 'filename', 'output_base64sha256', 'code_sha256']);
const ACCOUNT_ID = /(?<![A-Za-z0-9])\d{12}(?![A-Za-z0-9])/;

/** TAP-ACCOUNT-01 no 12-digit account id literal inside resources — no public anchor (PIPE-03: layer permission principal 123456789012). */
export const accountIdLiteral = defineRule(
  {
    id: 'TAP-ACCOUNT-01',
    severity: 'error',
    description: 'No 12-digit account id typed into a resource (the provider block and data sources are exempt)',
    anchors: [],
  },
  (ctx, report) => {
    for (const r of resources(ctx.stack.json)) {
      const hits = [
        ...strings(r.body).filter((s) => !HASH_KEYS.has(s.key) && !s.path.startsWith('triggers')).map((s) => ({ path: s.path, match: ACCOUNT_ID.exec(literalPart(s.value))?.[0] })),
        ...numbers(r.body).filter((n) => Number.isInteger(n.value) && String(n.value).length === 12).map((n) => ({ path: n.path, match: String(n.value) })),
      ].filter((h) => h.match);
      for (const hit of hits.slice(0, 1)) {
        report(r.address, `${hit.path} contains the account id literal ${hit.match}; deployed to any other account it grants or points to the wrong account. Fix: use data.aws_caller_identity (stack.accountId in this repo) or config.`);
      }
    }
  },
);
