import type { SynthStack, StackResource as TfResource } from '@tap/synth';

/** A reference to something the local environment does not emulate (e.g. an EC2 VPC id). */
export class UnemulatedError extends Error {
  constructor(readonly reference: string, reason: string) {
    super(`${reference}: ${reason}`);
  }
}

/** A token the local environment cannot read at all (unknown resource, function call, variable). */
export class UnknownTokenError extends Error {}

/** Attributes of one resource as the emulator knows them; undefined when the type is not emulated. */
export type AttributeSource = (resource: TfResource) => Record<string, unknown> | undefined;

export interface ResolverOptions {
  readonly region: string;
  readonly accountId: string;
  readonly attributes: AttributeSource;
  /** Value of an ephemeral resource attribute (e.g. a random password generated at start-up). */
  readonly ephemeral: (stack: string, type: string, name: string, attribute: string) => unknown;
}

const TOKEN = /\$\{([^{}]*)\}/g;
const PATH_SEGMENT = /[A-Za-z_][\w-]*|\[\d+\]|\["[^"]*"\]/g;

/**
 * Resolves Terraform interpolations of the synthesized JSON (`${aws_sqs_queue.x.url}`) against the
 * emulated resources. Only plain references are supported: anything else (function calls, variables,
 * splats) is an UnknownTokenError naming the token, so a stack change the emulator cannot follow fails
 * loudly instead of running with a wrong value.
 */
export class Resolver {
  private readonly byStack: Map<string, SynthStack>;

  constructor(readonly stacks: readonly SynthStack[], private readonly options: ResolverOptions) {
    this.byStack = new Map(stacks.map((s) => [s.id, s]));
  }

  /**
   * Resolves every token in a value (strings, lists, objects), deeply. With `lenient`, a reference to
   * an unemulated resource becomes `local-unemulated:<reference>` instead of an error (for configs
   * read as a whole, such as a table's, where such fields, e.g. its KMS key, do not matter locally).
   */
  value(stack: string, value: unknown, lenient = false): unknown {
    if (typeof value === 'string') {
      try {
        return this.string(stack, value);
      } catch (error) {
        if (lenient && error instanceof UnemulatedError) return `local-unemulated:${error.reference}`;
        throw error;
      }
    }
    if (Array.isArray(value)) return value.map((v) => this.value(stack, v, lenient));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '//').map(([k, v]) => [k, this.value(stack, v, lenient)]));
    }
    return value;
  }

  /** A string with tokens; a string that is exactly one token keeps the referenced value's type. */
  string(stack: string, text: string): unknown {
    const whole = /^\$\{([^{}]*)\}$/.exec(text);
    if (whole && !text.startsWith('$${')) return this.expression(stack, whole[1].trim());
    return text.replace(/\$\$\{/g, '\uE000').replace(TOKEN, (_m, expr: string) => {
      const v = this.expression(stack, expr.trim());
      return typeof v === 'string' ? v : JSON.stringify(v);
    }).replace(/\uE000/g, '${');
  }

  /** A resolved string (errors when the value is not a string or number). */
  text(stack: string, value: unknown): string {
    const v = this.value(stack, value);
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new UnknownTokenError(`expected a string, got ${JSON.stringify(v)}`);
  }

  /** The resource a `${type.name.attr}` reference points at, if the text is such a reference. */
  target(stack: string, text: unknown): TfResource | undefined {
    if (typeof text !== 'string') return undefined;
    const m = /^\$\{([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)(\.|\[|\})/.exec(text);
    if (!m || m[1] === 'data' || m[1] === 'var' || m[1] === 'local') return undefined;
    const config = this.byStack.get(stack)?.json.resource?.[m[1]]?.[m[2]];
    return config ? { stack, type: m[1], name: m[2], config } : undefined;
  }

  private expression(stack: string, expr: string): unknown {
    // join("<sep>", [ref, ref, ...]): how cdktf renders Fn.join over a list of references (outputs join lists).
    const join = /^join\("((?:[^"\\]|\\.)*)",\s*\[(.*)\]\)$/s.exec(expr);
    if (join) {
      const items = join[2].split(',').map((x) => x.trim()).filter(Boolean);
      return items.map((item) => (item.startsWith('"') ? (JSON.parse(item) as string) : String(this.expression(stack, item)))).join(JSON.parse(`"${join[1]}"`) as string);
    }
    const segments = parsePath(expr);
    if (!segments) throw new UnknownTokenError(`unsupported Terraform expression \${${expr}} in stack "${stack}": the local environment resolves plain references only`);
    const [first, ...rest] = segments;
    const head = String(first);
    if (head === 'data') return this.dataSource(expr, rest);
    if (head === 'ephemeral') {
      const [type, name, attribute] = rest.map(String);
      return this.options.ephemeral(stack, type, name, attribute);
    }
    if (head === 'var' || head === 'local' || head === 'each' || head === 'count' || head === 'path' || head === 'module') {
      throw new UnknownTokenError(`unsupported reference \${${expr}} in stack "${stack}"`);
    }
    const name = String(rest[0]);
    const config = this.byStack.get(stack)?.json.resource?.[head]?.[name];
    if (!config) throw new UnknownTokenError(`\${${expr}} in stack "${stack}" names no resource ${head}.${name}`);
    const attrs = this.options.attributes({ stack, type: String(head), name, config });
    if (!attrs) throw new UnemulatedError(`${head}.${name}`, `${head} is not emulated locally`);
    return walk(attrs, rest.slice(1), `\${${expr}}`);
  }

  private dataSource(expr: string, rest: (string | number)[]): unknown {
    const [type, name, ...path] = rest.map(String);
    const { region, accountId } = this.options;
    switch (type) {
      case 'aws_caller_identity':
        return walk({ account_id: accountId, arn: `arn:aws:iam::${accountId}:user/local`, user_id: 'LOCAL', id: accountId }, path, expr);
      case 'aws_region':
        return walk({ id: region, name: region, region, endpoint: `${region}.amazonaws.com` }, path, expr);
      case 'aws_partition':
        return walk({ partition: 'aws', dns_suffix: 'amazonaws.com', id: 'aws' }, path, expr);
      case 'terraform_remote_state': {
        // cdktf cross-stack references: `cross-stack-reference-input-<stack>` reads that stack's outputs.
        const from = /^cross-stack-reference-input-(.+)$/.exec(name)?.[1];
        const origin = from ? this.byStack.get(from) : undefined;
        if (!origin || path[0] !== 'outputs') throw new UnknownTokenError(`\${${expr}}: remote state "${name}" is not a stack of this app`);
        const output = origin.json.output?.[path[1]];
        if (!output) throw new UnknownTokenError(`\${${expr}}: stack "${origin.id}" has no output "${path[1]}"`);
        return walk(this.value(origin.id, output.value), path.slice(2), expr);
      }
      default:
        throw new UnemulatedError(`data.${type}.${name}`, `data source ${type} is not emulated locally`);
    }
  }
}

function parsePath(expr: string): (string | number)[] | undefined {
  const parts = expr.match(PATH_SEGMENT);
  if (!parts) return undefined;
  // Reassemble to make sure the whole expression was a path (no operators, calls or spaces).
  let rebuilt = '';
  for (const p of parts) rebuilt += p.startsWith('[') ? p : rebuilt === '' ? p : `.${p}`;
  if (rebuilt !== expr) return undefined;
  return parts.map((p) => (p.startsWith('["') ? p.slice(2, -2) : p.startsWith('[') ? Number(p.slice(1, -1)) : p));
}

function walk(value: unknown, path: readonly (string | number)[], expr: string): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || current === undefined || typeof current !== 'object') throw new UnknownTokenError(`${expr}: cannot read "${String(key)}"`);
    const next = (current as Record<string, unknown>)[String(key)];
    if (next === undefined) throw new UnemulatedError(expr, `attribute "${String(key)}" is not emulated locally`);
    current = next;
  }
  return current;
}
