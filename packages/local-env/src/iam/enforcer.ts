import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { IncomingHttpHeaders } from 'node:http';
import { RuntimeAuthorizer, type ApiInvocation, type DeliveryKind, type RecordedCall } from '@tap/access';
import { loadSynthDir } from '@tap/synth';
import { runtimeCalls } from './calls';
import { FunctionIdentities } from './identities';

/** What the local AWS endpoint does with a call. */
export type Enforcement =
  | { readonly kind: 'allow' }
  /** Answer with AWS's error shape (400 AccessDeniedException). */
  | { readonly kind: 'deny'; readonly code: 'AccessDeniedException'; readonly message: string }
  /** No network path: hold the connection, then drop it after `afterMs`, as a connect timeout does. */
  | { readonly kind: 'unreachable'; readonly afterMs: number; readonly message: string };

export interface EnforcerOptions {
  /** Synth whose stacks answer the network lookups (the shared network of `pr`). Default none. */
  readonly networkDir?: string;
  /** How long a call without a network path hangs before its connection drops. Default 2000 ms (lambda-kit's connect timeout). */
  readonly connectTimeoutMs?: number;
  /** Where the calls each function made are written on stop. Default: not written. */
  readonly callsFile?: string;
}

/**
 * IAM and network enforcement for the local environment, with the decisions `pnpm access` makes over
 * the same synth: each function signs with its own credentials, every call it makes is decided against
 * its synthesized role, the resource and key policies, and its network path; deliveries the
 * environment performs (EventBridge → SQS, SQS → Lambda) are looked up in the static check, and API
 * Gateway's invocations of functions and authorizers are decided per request by the same simulator.
 */
export class AccessEnforcer {
  readonly identities = new FunctionIdentities();
  readonly authorizer: RuntimeAuthorizer;
  /** Every call a function made (allowed or not), for `pnpm access --unused`. */
  readonly calls: (RecordedCall & { decision: string })[] = [];
  /** Denials, newest last (tests and diagnostics). */
  readonly denials: string[] = [];
  private readonly connectTimeoutMs: number;

  constructor(outDir: string, private readonly options: EnforcerOptions = {}) {
    const network = options.networkDir ? loadSynthDir(options.networkDir).filter((s) => s.name === 'vpc') : [];
    this.authorizer = new RuntimeAuthorizer(loadSynthDir(outDir), network);
    this.connectTimeoutMs = options.connectTimeoutMs ?? 2000;
  }

  /** Environment variables of a function's containers: its own credentials. */
  credentials(functionName: string): Record<string, string> {
    return this.identities.credentials(functionName);
  }

  /** Decides one request to the AWS endpoint. Calls not signed by a function (tests, operators) are not enforced. */
  async check(headers: IncomingHttpHeaders, target: string, raw: Buffer): Promise<Enforcement> {
    const fn = this.identities.caller(headers.authorization);
    if (!fn) return { kind: 'allow' };
    let body: Record<string, unknown> = {};
    try {
      body = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
    } catch {
      return { kind: 'allow' }; // the endpoint answers the malformed body itself
    }
    for (const call of runtimeCalls(fn, target, body)) {
      const verdict = await this.authorizer.authorize(call);
      const resource = verdict.resourceArn ?? call.name;
      this.calls.push({ function: fn, action: call.action, resource, decision: verdict.decision });
      if (verdict.decision !== 'DENY') continue;
      const role = verdict.roleArn?.replace(':iam::', ':sts::').replace(':role/', ':assumed-role/') ?? 'unknown';
      if (verdict.deniedBy === 'network') {
        this.denials.push(`${fn}: ${call.action}: ${verdict.reason}`);
        return { kind: 'unreachable', afterMs: this.connectTimeoutMs, message: verdict.reason };
      }
      const message = `User: ${role}/${fn} is not authorized to perform: ${call.action} on resource: ${resource} (${verdict.reason})`;
      this.denials.push(`${fn}: ${message}`);
      return { kind: 'deny', code: 'AccessDeniedException', message };
    }
    return { kind: 'allow' };
  }

  /** A delivery the environment performs; throws (the delivery fails) when the synthesized policies deny it. */
  async delivery(kind: DeliveryKind, names: readonly string[]): Promise<void> {
    const verdict = await this.authorizer.delivery(kind, names);
    if (verdict.decision === 'DENY') {
      this.denials.push(`${kind} ${names.join(' → ')}: ${verdict.reason}`);
      throw new Error(`AccessDenied: ${verdict.reason}`);
    }
  }

  /**
   * API Gateway invoking a function or an authorizer for one request: undefined when the function's
   * resource policy allows it, else why not (API Gateway then answers 500, as on AWS).
   */
  async invocation(call: ApiInvocation): Promise<string | undefined> {
    const verdict = await this.authorizer.invocation(call);
    if (verdict.decision !== 'DENY') return undefined;
    this.denials.push(`apigw-invoke ${call.api}: ${verdict.reason}`);
    return verdict.reason;
  }

  /** The start-up line. */
  describe(): string {
    return 'IAM and network are enforced: each function signs with its own credentials and every call is decided against its synthesized role, resource and key policies and its network path (turn off with --no-enforce / LOCAL_ENFORCE=off)';
  }

  /**
   * Writes the recorded calls (`pnpm access --unused` reads them), merged with those already in the file
   * (one file collects the runs of a test command: the dev suite, the production payment flow).
   */
  writeCalls(): void {
    const file = this.options.callsFile;
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    let previous: (RecordedCall & { decision: string })[] = [];
    try {
      previous = existsSync(file) ? ((JSON.parse(readFileSync(file, 'utf8')) as { calls?: typeof previous }).calls ?? []) : [];
    } catch {
      previous = []; // a torn file from an interrupted run is replaced
    }
    const unique = new Map([...previous, ...this.calls].map((c) => [`${c.function}|${c.action}|${c.resource}|${c.decision}`, c]));
    writeFileSync(file, `${JSON.stringify({ calls: [...unique.values()] }, null, 2)}\n`);
  }
}
