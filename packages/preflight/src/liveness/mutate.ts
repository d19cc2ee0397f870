import { refs, type StackDoc, type StackJson } from '@tap/synth';

/**
 * What a liveness generator works on and returns. A generator gets a deep copy of one profile's synth, breaks
 * exactly the property its rule guards in one place, and says where; the liveness test then expects the rule
 * to report its id in that stack. It returns undefined when the synth has nothing of that kind to break.
 */
export type Body = Record<string, unknown>;

/** One mutable stack of the copied synth. */
export interface MutableStack {
  readonly name: string;
  readonly json: StackJson & { resource?: Record<string, Record<string, Body>>; output?: Record<string, Body> };
}

/** Where the property was broken: the stack the rule must report in, and what was done. */
export interface Breakage {
  readonly stack: string;
  /** What was broken, e.g. `aws_lambda_function.fn: tracing_config.mode = PassThrough`. */
  readonly what: string;
}

/** Facts about the synth a generator may need (the profile it came from, what config allowed). */
export interface GeneratorContext {
  readonly profile: string;
  readonly ephemeral: boolean;
  readonly allowSingletons: boolean;
  readonly accountConcurrency: number;
}

/** Breaks one rule's property in the copied synth; undefined when there is nothing to break. */
export type Generator = (app: MutableStack[], ctx: GeneratorContext) => Breakage | undefined;

/** A resource found in the copied synth, with its body to mutate in place. */
export interface Found {
  readonly stack: MutableStack;
  readonly type: string;
  readonly name: string;
  readonly address: string;
  readonly body: Body;
}

/** Every resource of a type across the app (stack order, then declaration order). */
export function findAll(app: readonly MutableStack[], type: string, where: (body: Body, stack: MutableStack) => boolean = () => true): Found[] {
  const out: Found[] = [];
  for (const stack of app) {
    for (const [name, body] of Object.entries(stack.json.resource?.[type] ?? {})) {
      if (where(body, stack)) out.push({ stack, type, name, address: `${type}.${name}`, body });
    }
  }
  return out;
}

/** The first resource of a type (matching `where`) across the app. */
export function find(app: readonly MutableStack[], type: string, where?: (body: Body, stack: MutableStack) => boolean): Found | undefined {
  return findAll(app, type, where)[0];
}

/** Removes a resource from its stack. */
export function remove(found: Found): void {
  const byName = found.stack.json.resource?.[found.type];
  if (byName) delete byName[found.name];
}

/** Adds a resource to a stack. */
export function add(stack: MutableStack, type: string, name: string, body: Body): void {
  const resource = ((stack.json as { resource?: Record<string, Record<string, Body>> }).resource ??= {});
  (resource[type] ??= {})[name] = body;
}

/** True when `value` references `type.name` (any attribute). */
export function references(value: unknown, found: Pick<Found, 'type' | 'name'>): boolean {
  return refs(value).some((r) => !r.data && r.type === found.type && r.name === found.name);
}

/** A nested block (object or one-element array), created when absent. */
export function nested(body: Body, key: string): Body {
  const v = body[key];
  if (Array.isArray(v) && v[0] && typeof v[0] === 'object') return v[0] as Body;
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Body;
  const created: Body = {};
  body[key] = created;
  return created;
}

/** An IAM policy statement as JSON. */
export type JsonStatement = Record<string, unknown>;

/** Parses a JSON policy attribute, lets `edit` change its statements, and writes it back; false when not JSON. */
export function editPolicy(body: Body, attribute: string, edit: (statements: JsonStatement[]) => boolean): boolean {
  const text = body[attribute];
  if (typeof text !== 'string' || !text.trim().startsWith('{')) return false;
  const doc = JSON.parse(text) as { Statement?: JsonStatement | JsonStatement[] };
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  if (!edit(statements)) return false;
  doc.Statement = statements;
  body[attribute] = JSON.stringify(doc);
  return true;
}

/** Deep copy of a synth, as the stacks a generator mutates. */
export function copySynth(stacks: readonly StackDoc[]): MutableStack[] {
  return stacks.map((s) => ({ name: s.name, json: structuredClone(s.json) as MutableStack['json'] }));
}

/** The mutated copy as stacks preflight reads. */
export function asStacks(app: readonly MutableStack[]): StackDoc[] {
  return app.map((s) => ({ name: s.name, json: s.json, path: '' }));
}

/** `"x"` in a list-or-string attribute. */
export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}
