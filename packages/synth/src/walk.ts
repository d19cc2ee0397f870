import type { StackJson } from './types';

/** One resource (or data source) of a synthesized stack. */
export interface TfResource {
  readonly type: string;
  readonly name: string;
  /** `aws_sqs_queue.q` or `data.aws_region.current`. */
  readonly address: string;
  readonly body: Record<string, unknown>;
}

type Blocks = Record<string, Record<string, Record<string, unknown>>> | undefined;

function list(blocks: Blocks, prefix: string): TfResource[] {
  const out: TfResource[] = [];
  for (const [type, byName] of Object.entries(blocks ?? {})) {
    for (const [name, body] of Object.entries(byName ?? {})) {
      if (body && typeof body === 'object') out.push({ type, name, address: `${prefix}${type}.${name}`, body });
    }
  }
  return out;
}

/** Every resource of the stack, optionally only of some types. */
export function resources(json: StackJson, ...types: string[]): TfResource[] {
  const all = list(json.resource, '');
  return types.length === 0 ? all : all.filter((r) => types.includes(r.type));
}

/** Every data source of the stack, optionally only of some types. */
export function dataSources(json: StackJson, ...types: string[]): TfResource[] {
  const all = list(json.data, 'data.');
  return types.length === 0 ? all : all.filter((r) => types.includes(r.type));
}

/** A nested block: Terraform JSON accepts an object or a one-element array; both become the object. */
export function block(value: unknown): Record<string, unknown> | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** All elements of a repeatable block (object or array of objects). */
export function blocks(value: unknown): Record<string, unknown>[] {
  const arr = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return arr.filter((v): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v));
}

/** A number, also from a numeric string literal; undefined for tokens and absent values. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

/** true/false, also from "true"/"false"; undefined for tokens and absent values. */
export function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

const TOKEN = /\$\{[^}]*\}/g;

/** True when the string holds an interpolation (`${...}`), i.e. is not a plain literal. */
export function hasToken(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** True when the whole string is one interpolation. */
export function isWholeToken(value: unknown): boolean {
  return typeof value === 'string' && /^\$\{[^}]*\}$/.test(value.trim());
}

/** The literal text of a string with every interpolation removed (replaced by `replacement`). */
export function literalPart(value: string, replacement = ' '): string {
  return value.replace(TOKEN, replacement);
}

/** A reference inside an interpolation: `aws_sqs_queue.q.arn` → { type, name, attr }. */
export interface Ref {
  readonly data: boolean;
  readonly type: string;
  readonly name: string;
  readonly attr: string;
}

/** Every resource/data reference inside the interpolations of a value (deep). */
export function refs(value: unknown): Ref[] {
  const out: Ref[] = [];
  for (const { value: s } of strings(value)) {
    for (const token of s.match(TOKEN) ?? []) {
      const re = /(data\.)?\b([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)\.([a-z_][a-z0-9_]*)/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(token)) !== null) out.push({ data: !!m[1], type: m[2], name: m[3], attr: m[4] });
    }
  }
  return out;
}

/** True when `value` references resource `type.name` (any attribute). */
export function refersTo(value: unknown, type: string, name: string): boolean {
  return refs(value).some((r) => !r.data && r.type === type && r.name === name);
}

/** A string leaf with its path (`environment.variables.TOKEN`). */
export interface StringLeaf {
  readonly path: string;
  readonly key: string;
  readonly value: string;
}

/** Every string leaf of a value, depth first, skipping cdktf's `//` metadata. */
export function strings(value: unknown, path = ''): StringLeaf[] {
  const out: StringLeaf[] = [];
  const walk = (v: unknown, p: string, key: string): void => {
    if (typeof v === 'string') out.push({ path: p, key, value: v });
    else if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${p}[${i}]`, key));
    else if (v && typeof v === 'object') {
      for (const [k, inner] of Object.entries(v as Record<string, unknown>)) {
        if (k === '//') continue;
        walk(inner, p ? `${p}.${k}` : k, k);
      }
    }
  };
  walk(value, path, path);
  return out;
}

/** Every number leaf of a value with its path. */
export function numbers(value: unknown, path = ''): { path: string; value: number }[] {
  const out: { path: string; value: number }[] = [];
  const walk = (v: unknown, p: string): void => {
    if (typeof v === 'number') out.push({ path: p, value: v });
    else if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${p}[${i}]`));
    else if (v && typeof v === 'object') {
      for (const [k, inner] of Object.entries(v as Record<string, unknown>)) if (k !== '//') walk(inner, p ? `${p}.${k}` : k);
    }
  };
  walk(value, path);
  return out;
}

/** Every aws provider block of the stack (the default one and aliases). */
export function awsProviders(json: StackJson): Record<string, unknown>[] {
  return blocks(json.provider?.aws);
}

/** Provider default tags merged over every aws provider block (Terraform allows one block each). */
export function defaultTagsOf(json: StackJson): Record<string, string> {
  const out: Record<string, string> = {};
  for (const provider of awsProviders(json)) {
    for (const dt of blocks(provider.default_tags)) {
      const tags = dt.tags;
      if (tags && typeof tags === 'object' && !Array.isArray(tags)) {
        for (const [k, v] of Object.entries(tags as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
      }
    }
  }
  return out;
}
