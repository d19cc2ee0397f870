import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { count } from '@tap/cli';
import { dirname, join } from 'node:path';
import { attachApiAccess, describeClients, type LocalClient } from './apigw/auth';
import { ApiFront } from './apigw/server';
import { buildApiModel } from './apigw/model';
import { attributesOf, EMULATED_TYPES, generatedSecret } from './attributes';
import { createTables, startDynalite } from './aws/dynamo';
import { EventBus, type RuleSpec } from './aws/events';
import { AwsEndpoint, type AwsServices } from './aws/server';
import { SqsEngine, type QueueSpec } from './aws/sqs';
import { SsmStore } from './aws/ssm';
import { flattenOutputs, type FlatOutputs } from './flatten';
import { SqsPoller } from './lambda/event-source';
import { buildWorker, LocalFunction } from './lambda/runtime';
import { Resolver, UnemulatedError } from './refs';
import { block, readSynthesized, resourcesOfType, type SynthStack, type StackResource as TfResource } from '@tap/synth';
import { extractZip } from './zip';
import { AccessEnforcer } from './iam/enforcer';

export const LOCAL_ACCOUNT_ID = '000000000000';

export interface LocalEnvironmentOptions {
  /** The synthesized app (cdktf.out). */
  readonly outDir: string;
  /** Working files: unpacked code, logs. Default `<outDir>/../.local`. */
  readonly stateDir?: string;
  /** Stacks to bring up. Default all in the manifest. */
  readonly stacks?: readonly string[];
  /** Region the clients and ARNs use. Default `us-east-1`. */
  readonly region?: string;
  /** Write the flat outputs here. Default: not written. */
  readonly outputsFile?: string;
  /** Keep sensitive outputs (local dummy values such as generated API keys). Default true. */
  readonly includeSensitive?: boolean;
  /** Multiplies SQS queue timing: visibility timeouts and batching windows (tests: 0.01 turns 180 s into 1.8 s). Default 1. */
  readonly visibilityTimeoutScale?: number;
  /** Multiplies function and integration timeouts. Default 1. */
  readonly timeoutScale?: number;
  /** Warm containers per function at most (also capped by reserved concurrency). Default 4. */
  readonly maxContainersPerFunction?: number;
  /** DynamoDB data directory (persists across restarts). Default in memory. */
  readonly dynamoPath?: string;
  /** Start-up report and runtime diagnostics. Default: silent. */
  readonly log?: (line: string) => void;
  /** Echo function output to `log` as well as .local/logs. Default false. */
  readonly echoFunctionLogs?: boolean;
  /** Enforce the synthesized IAM policies and network paths (iam/enforcer.ts). Default true, unless LOCAL_ENFORCE=off. */
  readonly enforceAccess?: boolean;
  /** Synth of the shared network the stacks look up (`pr`), for network enforcement. Default none. */
  readonly networkDir?: string;
  /** Where the calls each function made are written on stop (`pnpm access --unused`). Default: not written. */
  readonly callsFile?: string;
  /** Fixed ports (`pnpm local` uses ports.ts); tests leave it unset. @default every server on a free port */
  readonly ports?: LocalPorts;
}

/** Ports to listen on; 0 or a missing entry means any free port. */
export interface LocalPorts {
  /** The AWS endpoint (DynamoDB, SQS, EventBridge, SSM). */
  readonly aws?: number;
  /** Per REST API, by its stack id and the Terraform name of its aws_api_gateway_rest_api. */
  readonly api?: (stack: string, resourceName: string) => number | undefined;
}

export interface OmittedOutput {
  readonly stack: string;
  readonly key: string;
  readonly reason: string;
}

export interface LocalEnvironment {
  /** Flat outputs, same keys as a real deploy (minus those needing unemulated services). */
  readonly outputs: FlatOutputs;
  readonly omittedOutputs: readonly OmittedOutput[];
  /** Environment variables that point SDK v3 clients at the local servers. */
  readonly endpoints: Readonly<Record<string, string>>;
  /** What the synthesized stacks declare that is not emulated. */
  readonly notEmulated: readonly string[];
  readonly functions: ReadonlyMap<string, LocalFunction>;
  readonly apis: readonly ApiFront[];
  /** Local API clients to sign requests with (SigV4), printed at start-up. */
  readonly clients: readonly LocalClient[];
  readonly sqs: SqsEngine;
  readonly pollers: readonly SqsPoller[];
  /** The AWS endpoint (tests inject DynamoDB faults and latency through it). */
  readonly aws: AwsEndpoint;
  stop(): Promise<void>;
}

/** What each unemulated service means for someone running locally. */
const UNEMULATED_NOTES: Record<string, string> = {
  EC2: 'EC2/VPC: VPC-attached functions run on loopback; their synthesized network paths are enforced per call',
  KMS: 'KMS: data is not encrypted locally; key policies are not evaluated',
  IAM: 'IAM: policies are enforced through the access check (AccessDeniedException), not stored as resources',
  CloudWatch: 'CloudWatch: alarms and log groups are not created; function output goes to .local/logs',
  XRay: 'X-Ray: tracing is not recorded',
  SNS: 'SNS: topics are not created (alarm notifications)',
  S3: 'S3: buckets are not created',
  API: 'API Gateway: gateway responses, domains and account settings are not applied (API Gateway default answers are used)',
  LAMBDA: 'Lambda: layer permissions are not evaluated',
};

function serviceOf(type: string): string {
  if (/^aws_(vpc|subnet|route|internet_gateway|nat_gateway|eip|security_group|default_security_group|network_acl|flow_log|vpc_endpoint|default_network_acl|default_route_table)/.test(type)) return 'EC2';
  if (type.startsWith('aws_kms_')) return 'KMS';
  // Resource policies (queue, topic, bucket, key) are IAM evaluation too: not enforced locally.
  if (type.startsWith('aws_iam_') || (/_policy$/.test(type) && type !== 'aws_api_gateway_rest_api_policy')) return 'IAM';
  if (type.startsWith('aws_cloudwatch_') || type.startsWith('aws_sns_')) return type.startsWith('aws_sns_') ? 'SNS' : 'CloudWatch';
  return type.replace(/^aws_/, '').split('_')[0].toUpperCase();
}

/**
 * Brings up on 127.0.0.1, from the synthesized Terraform JSON alone, what the stacks declare: DynamoDB
 * tables in dynalite, SQS queues with redrive, EventBridge rules and targets, SSM parameters, Lambda
 * functions from their bundled assets (warm child processes, synthesized environment), SQS event
 * source mappings, and one HTTP front per REST API. Returns the flat outputs and the endpoint
 * variables; `stop()` ends every server and process it started.
 */
export async function startLocalEnvironment(options: LocalEnvironmentOptions): Promise<LocalEnvironment> {
  const log = options.log ?? (() => undefined);
  const region = options.region ?? 'us-east-1';
  const accountId = LOCAL_ACCOUNT_ID;
  const stateDir = options.stateDir ?? join(options.outDir, '..', '.local');
  const stacks = readSynthesized(options.outDir, options.stacks);
  const all = (type: string) => resourcesOfType(stacks, type);
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const s of stoppers.splice(0).reverse()) await s().catch(() => undefined);
  };

  try {
    // 1. Servers first: URLs and ARNs carry their ports.
    const dynamo = await startDynalite(options.dynamoPath);
    stoppers.push(dynamo.stop);
    const sqs = new SqsEngine(options.visibilityTimeoutScale ?? 1);
    const ssm = new SsmStore(`arn:aws:ssm:${region}:${accountId}:parameter`);
    const functions = new Map<string, LocalFunction>();
    const services: AwsServices = {
      sqs,
      ssm,
      dynamoPort: dynamo.port,
      // Tests in other processes read what CloudWatch would count (Invocations, Errors) from here.
      admin: (path) =>
        path === 'metrics'
          ? { functions: Object.fromEntries([...functions].map(([n, f]) => [n, f.metrics])), eventDeliveryErrors: services.events?.deliveryErrors ?? [], queues: Object.fromEntries(sqs.specs().map((q) => [q.name, sqs.attributes(q.url)])) }
          : { error: `unknown path ${path}; try metrics` },
    };
    const enforcer = (options.enforceAccess ?? process.env.LOCAL_ENFORCE !== 'off') ? new AccessEnforcer(options.outDir, { networkDir: options.networkDir, callsFile: options.callsFile }) : undefined;
    if (enforcer) services.enforce = (headers, target, raw) => enforcer.check(headers, target, raw);
    stoppers.push(async () => enforcer?.writeCalls());
    const aws = new AwsEndpoint(services);
    const awsPort = await listenOn('AWS endpoint', options.ports?.aws, (p) => aws.start(p));
    stoppers.push(() => aws.stop());
    const endpoint = `http://127.0.0.1:${awsPort}`;
    const endpoints: Record<string, string> = {
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      AWS_ENDPOINT_URL_SQS: endpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: endpoint,
      AWS_ENDPOINT_URL_SSM: endpoint,
    };

    const invokeByArn = async (arnOrInvokeArn: string, event: unknown) => {
      const fnArn = /functions\/(.+)\/invocations$/.exec(arnOrInvokeArn)?.[1] ?? arnOrInvokeArn;
      const name = fnArn.split(':')[6] ?? fnArn;
      const fn = functions.get(name);
      if (!fn) return { ok: false as const, errorType: 'ResourceNotFoundException', errorMessage: `function ${name} is not running locally`, timedOut: false, durationMs: 0 };
      return fn.invoke(event);
    };

    const apis = all('aws_api_gateway_rest_api');
    const fronts = new Map<string, ApiFront>();
    const warnings: string[] = [];
    const resolverRef: { r?: Resolver } = {};
    const permitted = (invokeArn: string, sourceArn: string): boolean => permission(stacks, resolverRef.r, invokeArn, sourceArn);
    for (const api of apis) {
      const front = new ApiFront({ region, accountId, invoke: invokeByArn, permitted, timeoutScale: options.timeoutScale, onLog: (l) => log(`[api] ${l}`) });
      await listenOn(`API of stack ${api.stack}`, options.ports?.api?.(api.stack, api.name), (p) => front.listen(p));
      stoppers.push(() => front.stop());
      fronts.set(`${api.stack}|${api.name}`, front);
    }
    const apiPorts = new Map([...fronts.entries()].map(([k, f]) => [k, f.port]));

    // 2. One resolver over every stack: tokens become the emulated resources' names, URLs and ARNs.
    const text = (stack: string) => (v: unknown) => {
      if (!resolverRef.r) throw new Error('resolver not ready');
      return resolverRef.r.text(stack, v);
    };
    const resolver = new Resolver(stacks, {
      region,
      accountId,
      attributes: (r) => attributesOf(r, { region, accountId, awsPort, apiPorts }, text(r.stack)),
      ephemeral: (stack, type, name, attribute) => {
        const cfg = stacks.find((s) => s.id === stack)?.json.ephemeral?.[type]?.[name];
        if (!cfg) throw new UnemulatedError(`ephemeral.${type}.${name}`, 'ephemeral resource not declared');
        if (attribute !== 'random_password' && attribute !== 'result') throw new UnemulatedError(`ephemeral.${type}.${name}.${attribute}`, 'only generated passwords are emulated');
        // AWS generates this at deploy time; locally a random value is generated at start-up.
        return generatedSecret(`${stack}|${type}|${name}`, Number(cfg.password_length ?? cfg.length ?? 32));
      },
    });
    resolverRef.r = resolver;
    const res = resolver;

    // 3. Tables.
    const ttls = await createTables(dynamo.port, region, all('aws_dynamodb_table').map((t) => ({ name: res.text(t.stack, `\${aws_dynamodb_table.${t.name}.name}`), config: res.value(t.stack, t.config, true) as Record<string, unknown> })));
    for (const t of ttls) aws.setTimeToLive(t.table, t.attribute, t.enabled);

    // 4. Queues (redrive policies may also be separate resources).
    const separateRedrive = new Map<string, string>();
    for (const r of all('aws_sqs_queue_redrive_policy')) separateRedrive.set(res.text(r.stack, r.config.queue_url), res.text(r.stack, r.config.redrive_policy));
    const queues = new Map<string, QueueSpec>();
    for (const q of all('aws_sqs_queue')) {
      const a = attributesOf(q, { region, accountId, awsPort, apiPorts }, text(q.stack)) as { url: string; arn: string; name: string };
      const redriveText = q.config.redrive_policy !== undefined ? res.text(q.stack, q.config.redrive_policy) : separateRedrive.get(a.url);
      const redrive = redriveText ? (JSON.parse(redriveText) as { deadLetterTargetArn: string; maxReceiveCount: number }) : undefined;
      const spec: QueueSpec = {
        name: a.name,
        url: a.url,
        arn: a.arn,
        visibilityTimeout: Number(q.config.visibility_timeout_seconds ?? 30),
        delaySeconds: Number(q.config.delay_seconds ?? 0),
        retentionSeconds: Number(q.config.message_retention_seconds ?? 345600),
        receiveWaitSeconds: Number(q.config.receive_wait_time_seconds ?? 0),
        fifo: q.config.fifo_queue === true,
        ...(redrive ? { redrive: { deadLetterTargetArn: redrive.deadLetterTargetArn, maxReceiveCount: Number(redrive.maxReceiveCount) } } : {}),
      };
      sqs.createQueue(spec);
      queues.set(spec.arn, spec);
    }

    // 5. SSM parameters (a write-only value from an ephemeral password gets a local random value).
    for (const p of all('aws_ssm_parameter')) {
      const a = attributesOf(p, { region, accountId, awsPort, apiPorts }, text(p.stack)) as { name: string; arn: string };
      const source = p.config.value ?? p.config.value_wo ?? p.config.insecure_value;
      const value = source === undefined ? generatedSecret(`${p.stack}|ssm|${p.name}`, 32) : res.text(p.stack, source);
      ssm.define({ name: a.name, arn: a.arn, type: (p.config.type as 'String') ?? 'String', value });
    }

    // 6. Functions: unpack code and layers, resolve the environment, start lazily (first call is cold).
    rmSync(join(stateDir, 'functions'), { recursive: true, force: true });
    const workerFile = buildWorker(stateDir);
    const layerDirs = new Map<string, string>();
    for (const l of all('aws_lambda_layer_version')) {
      if (typeof l.config.filename !== 'string') continue;
      const dir = join(stateDir, 'functions', 'layers', l.stack, l.name);
      extractZip(join(stackDir(stacks, l.stack), l.config.filename), dir);
      layerDirs.set(res.text(l.stack, `\${aws_lambda_layer_version.${l.name}.arn}`), dir);
    }
    for (const f of all('aws_lambda_function')) {
      const name = res.text(f.stack, `\${aws_lambda_function.${f.name}.function_name}`);
      if (typeof f.config.filename !== 'string') {
        warnings.push(`function ${name}: code is not a local asset (s3/image): not run`);
        continue;
      }
      const codeDir = join(stateDir, 'functions', f.stack, name);
      if (extractZip(join(stackDir(stacks, f.stack), f.config.filename), codeDir) === 0) warnings.push(`function ${name}: its code asset ${f.config.filename} is empty (re-synthesize)`);
      const environment: Record<string, string> = {};
      const vars = (block(f.config.environment)?.variables as Record<string, unknown>) ?? {};
      for (const [k, v] of Object.entries(vars)) environment[k] = lenientText(res, f.stack, v, `function ${name} variable ${k}`, warnings);
      Object.assign(environment, endpoints, enforcer?.credentials(name));
      const layers = ((f.config.layers as unknown[]) ?? []).map((l) => res.text(f.stack, l));
      const missingLayers = layers.filter((l) => !layerDirs.has(l));
      if (missingLayers.length > 0) warnings.push(`function ${name}: layers not in this app are not available: ${missingLayers.join(', ')}`);
      const reserved = f.config.reserved_concurrent_executions === undefined ? Infinity : Number(f.config.reserved_concurrent_executions);
      const fn = new LocalFunction(
        {
          name,
          arn: res.text(f.stack, `\${aws_lambda_function.${f.name}.arn}`),
          handler: String(f.config.handler ?? 'index.handler'),
          codeDir,
          environment,
          timeoutSeconds: Number(f.config.timeout ?? 3),
          memoryMb: Number(f.config.memory_size ?? 128),
          layerDirs: layers.map((l) => layerDirs.get(l)).filter((d): d is string => d !== undefined),
          maxContainers: Math.max(1, Math.min(reserved, options.maxContainersPerFunction ?? 4)),
          ...(Number.isFinite(reserved) ? { reservedConcurrency: reserved } : {}),
        },
        workerFile,
        join(stateDir, 'logs'),
        options.timeoutScale ?? 1,
        options.echoFunctionLogs ? log : undefined,
      );
      functions.set(name, fn);
      stoppers.push(() => fn.stop());
    }

    // 7. EventBridge rules and targets.
    const rules: RuleSpec[] = [];
    for (const r of all('aws_cloudwatch_event_rule')) {
      const ruleName = res.text(r.stack, `\${aws_cloudwatch_event_rule.${r.name}.name}`);
      if (r.config.event_pattern === undefined) {
        warnings.push(`event rule ${ruleName}: schedule rules are not emulated`);
        continue;
      }
      const bus = r.config.event_bus_name === undefined ? 'default' : res.text(r.stack, r.config.event_bus_name);
      const targets = all('aws_cloudwatch_event_target')
        .filter((t) => t.stack === r.stack && res.text(t.stack, t.config.rule) === ruleName)
        .map((t) => ({ id: String(t.config.target_id ?? t.name), arn: res.text(t.stack, t.config.arn), ...(t.config.input !== undefined ? { input: res.text(t.stack, t.config.input) } : {}), ...(t.config.input_path !== undefined ? { inputPath: String(t.config.input_path) } : {}) }));
      rules.push({ name: ruleName, busName: bus.startsWith('arn:') ? bus.split('/').pop() ?? bus : bus, pattern: JSON.parse(res.text(r.stack, r.config.event_pattern)) as Record<string, unknown>, enabled: r.config.state !== 'DISABLED' && r.config.is_enabled !== false, targets });
    }
    const bus = new EventBus(
      rules,
      async (targetArn, payload) => {
        if (targetArn.startsWith('arn:aws:sqs:')) {
          await enforcer?.delivery('eventbridge-target', [`target ${targetArn.split(':').pop() ?? ''}`]);
          sqs.send(targetArn, payload);
        }
        else if (targetArn.startsWith('arn:aws:lambda:')) await invokeByArn(targetArn, JSON.parse(payload));
        else throw new Error(`target ${targetArn} is not emulated`);
      },
      region,
      accountId,
    );
    services.events = bus;

    // 8. REST APIs.
    const notEmulated: string[] = [];
    for (const api of apis) {
      const front = fronts.get(`${api.stack}|${api.name}`);
      const model = buildApiModel(stacks, api, res);
      front?.setModel(model);
      notEmulated.push(...model.notEmulated.map((n) => `API ${model.name}: ${n}`));
    }

    // 9. Event source mappings (SQS only).
    const pollers: SqsPoller[] = [];
    for (const m of all('aws_lambda_event_source_mapping')) {
      const source = res.text(m.stack, m.config.event_source_arn);
      const queue = queues.get(source);
      const fnRef = res.text(m.stack, m.config.function_name);
      const fn = functions.get(fnRef.startsWith('arn:') ? fnRef.split(':')[6] : fnRef);
      if (!queue || !fn) {
        notEmulated.push(`event source mapping ${m.name}: source ${source} (only SQS queues of this app are polled)`);
        continue;
      }
      if (m.config.enabled === false) continue;
      const refused = await enforcer?.delivery('sqs-event-source', [`polls ${queue.name} for ${fn.spec.name}`]).then(() => undefined, (e: Error) => e.message);
      if (refused) {
        warnings.push(`event source mapping ${m.name}: not polled, ${refused}`);
        continue;
      }
      const poller = new SqsPoller(
        {
          queue,
          fn,
          batchSize: Number(m.config.batch_size ?? 10),
          batchingWindowSeconds: Number(m.config.maximum_batching_window_in_seconds ?? 0) * (options.visibilityTimeoutScale ?? 1),
          reportBatchItemFailures: ((m.config.function_response_types as string[]) ?? []).includes('ReportBatchItemFailures'),
          concurrency: Math.min(Number(block(m.config.scaling_config)?.maximum_concurrency ?? 2), 4),
          region,
        },
        sqs,
        (l) => log(`[sqs] ${l}`),
      );
      poller.start();
      pollers.push(poller);
      stoppers.push(() => poller.stop());
    }

    // 10. What is not emulated, by service, and the outputs.
    const byService = new Map<string, Set<string>>();
    for (const s of stacks) {
      for (const type of Object.keys(s.json.resource ?? {})) {
        if (EMULATED_TYPES.has(type)) continue;
        const svc = serviceOf(type);
        if (!byService.has(svc)) byService.set(svc, new Set());
        byService.get(svc)?.add(type);
      }
      if (Object.values(s.json.resource?.aws_lambda_function ?? {}).some((f) => block(f.tracing_config)?.mode === 'Active')) byService.set('XRay', byService.get('XRay') ?? new Set(['tracing_config']));
    }
    for (const [svc, types] of byService) notEmulated.push(`${UNEMULATED_NOTES[svc] ?? `${svc}: not emulated`} (${[...types].join(', ')})`);
    notEmulated.push(...warnings);

    const { outputs, omitted } = resolveOutputs(stacks, res, options.includeSensitive ?? true);
    // IAM-authorized APIs: SigV4 with local clients granted the stacks' client policies, and resource policies.
    const clients = attachApiAccess({ stacks, apis, fronts, resolver: res, outputs, region, accountId });
    if (options.outputsFile) {
      mkdirSync(dirname(options.outputsFile), { recursive: true });
      writeFileSync(options.outputsFile, `${JSON.stringify(outputs, null, 2)}\n`);
      writeFileSync(join(dirname(options.outputsFile), 'local-environment.json'), `${JSON.stringify({ omittedOutputs: omitted, notEmulated }, null, 2)}\n`);
    }

    log(`local environment: ${[count(stacks.length, 'stack'), count(functions.size, 'function'), count(queues.size, 'queue'), count(all('aws_dynamodb_table').length, 'table'), count(rules.length, 'rule'), count(apis.length, 'API')].join(', ')}, on 127.0.0.1`);
    for (const front of fronts.values()) log(`  API ${front.model.name} (${front.model.stack}): ${[...front.model.stages.keys()].map((st) => `http://127.0.0.1:${front.port}/${st}`).join(', ')}`);
    log(`  AWS endpoint (DynamoDB, SQS, EventBridge, SSM): ${endpoint}`);
    log(`  ${enforcer ? enforcer.describe() : 'IAM and network are NOT enforced (LOCAL_ENFORCE=off)'}`);
    for (const line of describeClients(clients, region)) log(line);
    for (const n of notEmulated) log(`  not emulated: ${n}`);
    for (const o of omitted) log(`  output left out: ${o.key} (${o.stack}): ${o.reason}`);

    return { outputs, omittedOutputs: omitted, endpoints, notEmulated, functions, apis: [...fronts.values()], clients, sqs, pollers, aws, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Listens through `listen`; a taken port becomes an error naming the server and the port (PortInUseError). */
async function listenOn(what: string, port: number | undefined, listen: (port: number) => Promise<number>): Promise<number> {
  try {
    return await listen(port ?? 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(what, port ?? 0);
    throw error;
  }
}

/** A fixed port is taken by another process. */
export class PortInUseError extends Error {
  constructor(readonly what: string, readonly port: number) {
    super(`port ${port} (${what}) on 127.0.0.1 is already in use`);
  }
}

function stackDir(stacks: readonly SynthStack[], id: string): string {
  const s = stacks.find((x) => x.id === id);
  if (!s) throw new Error(`stack ${id} not found`);
  return s.dir;
}

/** A function variable: tokens to unemulated resources become a labelled placeholder (and a warning). */
function lenientText(res: Resolver, stack: string, value: unknown, what: string, warnings: string[]): string {
  try {
    return res.text(stack, value);
  } catch (error) {
    if (!(error instanceof UnemulatedError)) throw new Error(`${what}: ${(error as Error).message}`);
    warnings.push(`${what} refers to ${error.reference}, which is not emulated: it gets a placeholder`);
    return `local-unemulated:${error.reference}`;
  }
}

function resolveOutputs(stacks: readonly SynthStack[], res: Resolver, includeSensitive: boolean): { outputs: FlatOutputs; omitted: OmittedOutput[] } {
  const nested: Record<string, Record<string, unknown>> = {};
  const omitted: OmittedOutput[] = [];
  for (const s of stacks) {
    nested[s.id] = {};
    for (const [key, output] of Object.entries(s.json.output ?? {})) {
      // cdktf's own cross-stack plumbing is not part of the app's outputs contract.
      if (key.startsWith('cross-stack-output-')) continue;
      if (output.sensitive && !includeSensitive) {
        omitted.push({ stack: s.id, key, reason: 'sensitive' });
        continue;
      }
      try {
        nested[s.id][key] = res.value(s.id, output.value);
      } catch (error) {
        omitted.push({ stack: s.id, key, reason: (error as Error).message });
      }
    }
  }
  return { outputs: flattenOutputs(nested).flat, omitted };
}

/** Whether an aws_lambda_permission lets API Gateway invoke the function behind an invoke ARN from sourceArn. */
function permission(stacks: readonly SynthStack[], res: Resolver | undefined, invokeArn: string, sourceArn: string): boolean {
  if (!res) return false;
  const fnArn = /functions\/(.+)\/invocations$/.exec(invokeArn)?.[1] ?? invokeArn;
  const name = fnArn.split(':')[6];
  return resourcesOfType(stacks, 'aws_lambda_permission').some((p: TfResource) => {
    try {
      if (res.text(p.stack, p.config.principal) !== 'apigateway.amazonaws.com') return false;
      const target = res.text(p.stack, p.config.function_name);
      if (target !== name && target !== fnArn && !target.startsWith(`${fnArn}:`)) return false;
      if (p.config.source_arn === undefined) return true;
      const pattern = res.text(p.stack, p.config.source_arn);
      return new RegExp(`^${pattern.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(sourceArn);
    } catch {
      return false;
    }
  });
}

