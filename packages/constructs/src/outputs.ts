import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';

/** Output values by output id; an `undefined` value is left out (a resource the profile does not create). */
export type OutputValues = Readonly<Record<string, string | undefined>>;

/**
 * A stack's outputs, flat and scalar, with stable ids (`staticId`): each becomes a key of
 * cfn-outputs/flat-outputs.json as it is, and does not move when constructs are reorganised. `sensitive`
 * values are marked so (the flattener leaves them out unless asked).
 */
export function addOutputs(stack: Construct, values: OutputValues, sensitive: OutputValues = {}): void {
  for (const [entries, isSensitive] of [
    [values, false],
    [sensitive, true],
  ] as const) {
    for (const [id, value] of Object.entries(entries)) {
      if (value === undefined) continue;
      new TerraformOutput(stack, id, { value, staticId: true, ...(isSensitive ? { sensitive: true } : {}) });
    }
  }
}
