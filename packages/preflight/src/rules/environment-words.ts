import { NAME_ATTRIBUTES } from '../names';
import { words } from '../names';
import { literalPart, resources } from '@tap/synth';
import { defineRule } from './define';

/** Words that name an environment; one in a name or tag must have come from config. */
export const ENVIRONMENT_WORDS = ['prod', 'production', 'prd', 'staging', 'stg', 'preprod', 'dev', 'development', 'uat', 'qa'];

/** TAP-ENV-01 no environment word in names or tags that did not come from config — no public anchor (PAY-02 `payment-api-prod-<suffix>`, VPC-02 `Production`, FND-01, FND-07). */
export const environmentWords = defineRule(
  {
    id: 'TAP-ENV-01',
    severity: 'error',
    description: 'No environment word (prod, production, staging, dev, ...) in a name or tag unless it is the suffix or a default tag value',
    anchors: [],
  },
  (ctx, report) => {
    const check = (address: string, where: string, value: unknown): void => {
      if (typeof value !== 'string') return;
      const found = words(literalPart(value)).filter((w) => ENVIRONMENT_WORDS.includes(w) && !ctx.allowedWords.has(w));
      if (found.length === 0) return;
      const allowed = [...ctx.allowedWords].filter((w) => ENVIRONMENT_WORDS.includes(w));
      report(
        address,
        `${where} "${value}" spells the environment word "${found[0]}", which config did not supply (suffix "${ctx.suffix ?? '?'}"${allowed.length ? `; allowed here: ${allowed.join(', ')}` : ''}), so it mislabels every other environment. Fix: build it from config (naming.name(...) / the suffix or the default tags) instead of a literal.`,
      );
    };
    for (const r of resources(ctx.stack.json)) {
      const nameAttrs = new Set(Object.keys(NAME_ATTRIBUTES[r.type] ?? {}));
      for (const [key, value] of Object.entries(r.body)) {
        if (nameAttrs.has(key) || key === 'name' || key.endsWith('_name')) check(r.address, key, value);
      }
      for (const tagKey of ['tags', 'tags_all']) {
        const tags = r.body[tagKey];
        if (tags && typeof tags === 'object' && !Array.isArray(tags)) {
          for (const [k, v] of Object.entries(tags as Record<string, unknown>)) check(r.address, `tag ${k}`, v);
        }
      }
    }
  },
);
