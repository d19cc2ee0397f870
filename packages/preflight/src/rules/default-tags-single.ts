import { awsProviders, blocks } from '@tap/synth';
import { defineRule } from './define';

/** TAP-TAGS-01 one default_tags block per AWS provider — no public anchor (FND-02: defaultTags as two objects). */
export const defaultTagsSingle = defineRule(
  {
    id: 'TAP-TAGS-01',
    severity: 'error',
    description: 'Each aws provider has at most one default_tags block carrying a tags map',
    anchors: [],
  },
  (ctx, report) => {
    awsProviders(ctx.stack.json).forEach((provider, i) => {
      const address = typeof provider.alias === 'string' ? `provider.aws.${provider.alias}` : i === 0 ? 'provider.aws' : `provider.aws[${i}]`;
      const dts = blocks(provider.default_tags);
      if (dts.length > 1) {
        report(address, `default_tags has ${dts.length} blocks; the provider allows one ("Too many default_tags blocks"), docs/failures.md FND-02. Fix: merge them into a single { tags: { ...base, ...extra } } object.`);
      }
      for (const dt of dts) {
        if (dt.tags !== undefined && (typeof dt.tags !== 'object' || Array.isArray(dt.tags))) {
          report(address, 'default_tags.tags must be a map of strings. Fix: defaultTags: [{ tags: { Key: "value" } }].');
        }
      }
    });
  },
);
