/**
 * The parts of Terraform's machine-readable plan (`terraform show -json plan.tfplan`, format 1.x) that the
 * summary reads. Documented at https://developer.hashicorp.com/terraform/internals/json-format.
 */
export type PlanAction = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';

export interface PlanResourceChange {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** Why Terraform chose the action, e.g. `replace_because_cannot_update`. */
  readonly action_reason?: string;
  readonly change: {
    /** `["delete","create"]` or `["create","delete"]` is a replacement. */
    readonly actions: readonly PlanAction[];
    readonly before?: unknown;
    readonly after?: unknown;
    readonly after_unknown?: unknown;
    /** Attribute paths that force the replacement. */
    readonly replace_paths?: readonly (readonly (string | number)[])[];
  };
}

export interface PlanJson {
  readonly format_version: string;
  readonly terraform_version?: string;
  readonly resource_changes?: readonly PlanResourceChange[];
  /** Changes Terraform found made outside of it since the last apply (drift). */
  readonly resource_drift?: readonly PlanResourceChange[];
  readonly errored?: boolean;
  readonly applyable?: boolean;
}

/** Parses and checks a plan document; the error names the file and what to run instead. */
export function parsePlanJson(text: string, source: string): PlanJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source}: not JSON (${(error as Error).message}). Fix: pass the output of \`terraform show -json plan.tfplan\``);
  }
  const plan = value as Partial<PlanJson> | null;
  if (!plan || typeof plan !== 'object' || typeof plan.format_version !== 'string' || !plan.format_version.startsWith('1.')) {
    throw new Error(`${source}: not a Terraform plan in JSON format 1.x (no "format_version"). Fix: pass the output of \`terraform show -json plan.tfplan\``);
  }
  for (const key of ['resource_changes', 'resource_drift'] as const) {
    const list = plan[key];
    if (list !== undefined && (!Array.isArray(list) || list.some((c) => !c || typeof c.address !== 'string' || !Array.isArray(c.change?.actions)))) {
      throw new Error(`${source}: "${key}" is not a list of resource changes with "address" and "change.actions"`);
    }
  }
  return plan as PlanJson;
}
