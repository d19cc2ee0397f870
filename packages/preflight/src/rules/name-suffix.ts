import { NAME_ATTRIBUTES } from '../names';
import { literalPart, refs, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-NAME-01 every physical name carries the environment suffix — no public anchor (PIPE-04, PAY-02). */
export const nameSuffix = defineRule(
  {
    id: 'TAP-NAME-01',
    severity: 'error',
    description: 'Every physical name carries the environment suffix, so parallel environments never collide',
    anchors: [],
  },
  (ctx, report) => {
    const typed = resources(ctx.stack.json, ...Object.keys(NAME_ATTRIBUTES));
    if (!ctx.suffix) {
      if (typed.length > 0) report('provider.aws', 'environment suffix unknown: no default tag EnvironmentSuffix on the aws provider. Fix: tag it through defaultTags, or pass --suffix <suffix>.', 'warning');
      return;
    }
    const suffix = ctx.suffix.toLowerCase();
    for (const r of typed) {
      for (const attr of Object.keys(NAME_ATTRIBUTES[r.type])) {
        const name = r.body[attr];
        if (typeof name !== 'string') continue;
        if (literalPart(name).toLowerCase().includes(suffix)) continue;
        // A name built from another resource's name (e.g. `/aws/lambda/${fn.function_name}`) inherits its suffix.
        if (refs(name).some((ref) => !ref.data)) continue;
        report(r.address, `${attr} "${name}" does not contain the environment suffix "${ctx.suffix}"; a second environment in the account collides with it (409 ResourceConflict). Fix: name it through naming.name('<base>') → "<base>-${ctx.suffix}".`);
      }
    }
  },
);
