import { defineRule } from './define';

/** TAP-OUTPUT-01 outputs are flat scalars — no public anchor (PIPE-20 nested integration_test_config output). */
export const outputsFlat = defineRule(
  {
    id: 'TAP-OUTPUT-01',
    severity: 'error',
    description: 'Every output value is a scalar (string, number, boolean), so cfn-outputs/flat-outputs.json stays flat',
    anchors: [],
  },
  (ctx, report) => {
    for (const [key, output] of Object.entries(ctx.stack.json.output ?? {})) {
      const value = output?.value;
      if (value !== null && typeof value === 'object') {
        report(`output.${key}`, `output "${key}" is ${Array.isArray(value) ? 'a list' : 'an object'}; flat-outputs.json needs one scalar per key and integration tests cannot read nested values (docs/failures.md PIPE-20). Fix: one TerraformOutput per value (lists joined with ",").`);
      }
    }
  },
);
