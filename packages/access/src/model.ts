import { awsProviders, block, blocks, dataSources, resources, type StackDoc, type TfResource } from '@tap/synth';
import { ACCOUNT_ID, attributesOf, hash } from './arns';

/** One resource of the app, with its arguments resolved where the synth allows it. */
export interface Res extends TfResource {
  readonly stack: string;
  /** The construct path cdktf records (`payment-api/create-payment/function`). */
  readonly path: string;
}

const TOKEN = /\$\{([^{}]*)\}/g;

/** Marker prefix of a value that could not be resolved offline (kept in results as UNKNOWN). */
export const UNRESOLVED = 'unresolved:';

/**
 * The synthesized app as the access check reads it: every stack's resources and a resolver that turns
 * Terraform references into the offline stand-ins of `arns.ts`. `extraStacks` are stacks of another
 * synth the app looks up at plan time (the shared network of the `pr` profile): they take part in
 * network lookups only.
 */
export class AppModel {
  readonly resources: Res[] = [];
  private readonly index = new Map<string, Res>();
  private readonly cache = new Map<string, Record<string, unknown> | undefined>();
  readonly region: string;

  constructor(readonly stacks: readonly StackDoc[], readonly extraStacks: readonly StackDoc[] = []) {
    this.region = regionOf(stacks[0]) ?? 'us-east-1';
    for (const stack of [...stacks, ...extraStacks]) {
      for (const found of [...resources(stack.json), ...dataSources(stack.json)]) {
        const meta = (found.body as { '//'?: { metadata?: { path?: string } } })['//'];
        const res: Res = { ...found, stack: stack.name, path: meta?.metadata?.path ?? '' };
        this.resources.push(res);
        this.index.set(`${stack.name}|${res.address}`, res);
      }
    }
  }

  /** Resources of some types, only of the app's own stacks unless `withExtra`. */
  ofType(type: string, withExtra = false): Res[] {
    const own = new Set(this.stacks.map((s) => s.name));
    return this.resources.filter((r) => r.type === type && !r.address.startsWith('data.') && (withExtra || own.has(r.stack)));
  }

  dataOfType(type: string): Res[] {
    return this.resources.filter((r) => r.type === type && r.address.startsWith('data.'));
  }

  get(stack: string, address: string): Res | undefined {
    return this.index.get(`${stack}|${address}`);
  }

  /** The resource a value references (first reference), e.g. `${aws_kms_key.k.arn}` → the key. */
  target(stack: string, value: unknown): Res | undefined {
    if (typeof value !== 'string') return undefined;
    const m = /\$\{(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)\./.exec(value);
    return m ? this.get(stack, `${m[1] ?? ''}${m[2]}.${m[3]}`) : undefined;
  }

  /** Every resource a value references. */
  targets(stack: string, value: unknown): Res[] {
    const out: Res[] = [];
    const text = JSON.stringify(value ?? '');
    const re = /(data\.)?\b([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*)\.[a-z_]/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const r = this.get(stack, `${m[1] ?? ''}${m[2]}.${m[3]}`);
      if (r && !out.includes(r)) out.push(r);
    }
    return out;
  }

  /** Attributes of a resource: the stand-ins of `arns.ts` over its resolved arguments. */
  attrs(r: Res): Record<string, unknown> | undefined {
    const key = `${r.stack}|${r.address}`;
    if (this.cache.has(key)) return this.cache.get(key);
    this.cache.set(key, undefined); // guards self-reference
    const body = this.resolve(r.stack, r.body) as Record<string, unknown>;
    const computed = r.address.startsWith('data.') ? this.dataAttrs(r, body) : attributesOf(r.type, r.name, body, this.region);
    const out = computed ? { ...body, ...computed } : { ...body, id: `${r.type}-${hash(r.name)}` };
    this.cache.set(key, out);
    return out;
  }

  /** Resolves every reference in a value; what cannot be resolved becomes `unresolved:<expression>`. */
  resolve(stack: string, value: unknown): unknown {
    if (typeof value === 'string') return this.resolveString(stack, value);
    if (Array.isArray(value)) return value.map((v) => this.resolve(stack, v));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '//').map(([k, v]) => [k, this.resolve(stack, v)]));
    }
    return value;
  }

  /** A resolved string (lists are joined with commas). */
  str(stack: string, value: unknown): string {
    const v = this.resolve(stack, value);
    return Array.isArray(v) ? v.join(',') : typeof v === 'string' ? v : JSON.stringify(v);
  }

  private resolveString(stack: string, text: string): unknown {
    const whole = /^\$\{([^{}]*)\}$/.exec(text);
    if (whole) return this.expression(stack, whole[1].trim());
    return text.replace(TOKEN, (_m, expr: string) => {
      const v = this.expression(stack, expr.trim());
      return typeof v === 'string' ? v : JSON.stringify(v);
    });
  }

  private expression(stack: string, expr: string): unknown {
    const join = /^join\("((?:[^"\\]|\\.)*)",\s*\[(.*)\]\)$/s.exec(expr);
    if (join) {
      return join[2].split(',').map((x) => x.trim()).filter(Boolean)
        .map((item) => (item.startsWith('"') ? (JSON.parse(item) as string) : String(this.expression(stack, item)))).join(JSON.parse(`"${join[1]}"`) as string);
    }
    const m = /^(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)\.([a-z_][a-z0-9_]*)$/.exec(expr);
    if (!m) return `${UNRESOLVED}${expr}`;
    const r = this.get(stack, `${m[1] ?? ''}${m[2]}.${m[3]}`);
    if (!r) return `${UNRESOLVED}${expr}`;
    const v = this.attrs(r)?.[m[4]];
    return v === undefined ? `${UNRESOLVED}${expr}` : v;
  }

  /** Data sources the app reads: identity and Region, policy documents, and the network lookups. */
  private dataAttrs(r: Res, body: Record<string, unknown>): Record<string, unknown> | undefined {
    switch (r.type) {
      case 'aws_caller_identity':
        return { account_id: ACCOUNT_ID, id: ACCOUNT_ID, arn: `arn:aws:iam::${ACCOUNT_ID}:user/deployer` };
      case 'aws_region':
        return { id: this.region, name: this.region, region: this.region };
      case 'aws_partition':
        return { partition: 'aws', id: 'aws', dns_suffix: 'amazonaws.com' };
      case 'aws_ec2_managed_prefix_list': {
        const service = String(body.name ?? '').split('.').pop() ?? '';
        return { id: `pl-${service}`, name: body.name };
      }
      case 'aws_vpc': {
        const vpc = this.findVpc(body);
        return vpc ? this.attrs(vpc) : undefined;
      }
      case 'aws_subnets': {
        const subnets = this.findSubnets(body);
        return subnets ? { ids: subnets.map((s) => this.attrs(s)?.id) } : undefined;
      }
      case 'aws_availability_zones':
        return { names: [`${this.region}a`, `${this.region}b`, `${this.region}c`] };
      case 'aws_iam_policy_document':
        return { json: JSON.stringify(policyDocumentJson(body)) };
      default:
        return undefined;
    }
  }

  /** The VPC a `data.aws_vpc` lookup finds (by tags or id), across this synth and the extra stacks. */
  findVpc(lookup: Record<string, unknown>): Res | undefined {
    const tags = (lookup.tags ?? {}) as Record<string, string>;
    return this.ofType('aws_vpc', true).find((vpc) => {
      const have = (vpc.body.tags ?? {}) as Record<string, unknown>;
      return Object.keys(tags).length > 0 && Object.entries(tags).every(([k, v]) => this.str(vpc.stack, have[k]) === v);
    });
  }

  /** Subnets a `data.aws_subnets` lookup finds: in the filtered VPC, with the given tags. */
  findSubnets(lookup: Record<string, unknown>): Res[] | undefined {
    const vpcFilter = blocks(lookup.filter).find((f) => f.name === 'vpc-id');
    const vpcIds = (vpcFilter?.values as unknown[] | undefined)?.map(String) ?? [];
    if (vpcIds.some((v) => v.startsWith(UNRESOLVED))) return undefined;
    const tags = (lookup.tags ?? {}) as Record<string, string>;
    const found = this.ofType('aws_subnet', true).filter((s) => {
      const attrs = this.attrs(s);
      if (vpcIds.length && !vpcIds.includes(this.str(s.stack, s.body.vpc_id))) return false;
      const have = (s.body.tags ?? {}) as Record<string, unknown>;
      return attrs !== undefined && Object.entries(tags).every(([k, v]) => this.str(s.stack, have[k]) === v);
    });
    return found.length ? found : undefined;
  }

  /** The resource whose computed id equals `id` (a subnet id, a security group id, ...). */
  byId(type: string, id: string): Res | undefined {
    return this.ofType(type, true).find((r) => this.attrs(r)?.id === id);
  }
}

function regionOf(stack: StackDoc | undefined): string | undefined {
  if (!stack) return undefined;
  const provider = awsProviders(stack.json).find((p) => !p.alias);
  return typeof provider?.region === 'string' && !provider.region.includes('${') ? provider.region : undefined;
}

/** An `aws_iam_policy_document` data source as policy JSON. */
function policyDocumentJson(body: Record<string, unknown>): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: blocks(body.statement).map((s) => {
      const out: Record<string, unknown> = { Effect: s.effect === 'Deny' ? 'Deny' : 'Allow' };
      if (s.sid) out.Sid = s.sid;
      if (s.actions) out.Action = s.actions;
      if (s.not_actions) out.NotAction = s.not_actions;
      if (s.resources) out.Resource = s.resources;
      if (s.not_resources) out.NotResource = s.not_resources;
      const principals = blocks(s.principals);
      if (principals.length) out.Principal = Object.fromEntries(principals.map((p) => [String(p.type), p.identifiers]));
      const conditions = blocks(s.condition);
      if (conditions.length) {
        const c: Record<string, Record<string, unknown>> = {};
        for (const x of conditions) c[String(x.test)] = { ...(c[String(x.test)] ?? {}), [String(x.variable)]: x.values };
        out.Condition = c;
      }
      return out;
    }),
  };
}

/** Parses a resolved policy attribute (JSON text or object); undefined when it is not a policy. */
export function policyJson(value: unknown): Record<string, unknown> | undefined {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  if (typeof value !== 'string') return undefined;
  try {
    const parsed = JSON.parse(value) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export { block, blocks };
