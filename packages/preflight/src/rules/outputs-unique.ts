import { defineRule } from './define';

/** TAP-OUTPUT-02 output keys unique across the app — no public anchor (outputs are flattened into one flat-outputs.json). */
export const outputsUnique = defineRule(
  {
    id: 'TAP-OUTPUT-02',
    severity: 'error',
    description: 'No output key appears in more than one stack',
    anchors: [],
  },
  (ctx, report) => {
    for (const key of Object.keys(ctx.stack.json.output ?? {})) {
      const others = ctx.app.stacks.filter((s) => s.name !== ctx.stackName && s.json.output && key in s.json.output).map((s) => s.name);
      if (others.length > 0) {
        report(`output.${key}`, `output "${key}" also exists in ${others.join(', ')}; flattening into cfn-outputs/flat-outputs.json keeps only one. Fix: prefix output ids with the stack (e.g. paymentApiUrl) and use staticId: true.`);
      }
    }
  },
);
