import { join } from 'node:path';
import { attachApiAccess, type LocalClient } from './apigw/auth';
import type { ApiFront } from './apigw/server';
import { AwsEndpoint, endpointVariables } from './aws/endpoint';
import type { EmulatorContext, Provision } from './emulator';
import type { Faults } from './faults';
import type { FlatOutputs } from './flatten';
import { AccessEnforcer } from './iam/enforcer';
import type { SqsPoller } from './lambda/event-source';
import type { LocalFunction } from './lambda/runtime';
import { listenOn } from './listen';
import { localResolver } from './local-resolver';
import { notEmulatedServices } from './not-emulated';
import type { LocalEnvironmentOptions } from './options';
import { resolveOutputs, writeOutputs, type OmittedOutput } from './outputs';
import { EMULATORS } from './registry';
import type { SqsEngine } from './sqs/engine';
import { reportStartup } from './startup-report';
import { adminOf, createState } from './state';
import { readSynthesized, resourcesOfType } from '@tap/synth';

export type { LocalEnvironmentOptions, LocalPorts } from './options';
export type { OmittedOutput } from './outputs';
export { PortInUseError } from './listen';

export const LOCAL_ACCOUNT_ID = '000000000000';

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
  /** Test fault hooks: stalls, DynamoDB errors, latency and write hooks, function faults and kills (faults.ts). */
  readonly faults: Faults;
  /**
   * Evaluates, in the background, what the first requests would otherwise wait for: every API access
   * verdict (each client on each route, iam-simulate) and the SigV4 signer; resolves once it is done.
   * Cached, so calling it again only waits for it; start-up starts it unless `warmUp: false`.
   */
  warmUp(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Brings up on 127.0.0.1, from the synthesized Terraform JSON alone, what the stacks declare, through
 * the emulators of the registry (registry.ts): every server and port first, then one resolver over
 * every stack, then each emulator's resources in registry order. Returns the flat outputs and the
 * endpoint variables; `stop()` ends every server and process it started.
 */
export async function startLocalEnvironment(options: LocalEnvironmentOptions): Promise<LocalEnvironment> {
  const log = options.log ?? (() => undefined);
  const region = options.region ?? 'us-east-1';
  const accountId = LOCAL_ACCOUNT_ID;
  const stacks = readSynthesized(options.outDir, options.stacks);
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const s of stoppers.splice(0).reverse()) await s().catch(() => undefined);
  };

  try {
    const state = createState(region, accountId, options.visibilityTimeoutScale ?? 1);
    const enforcer = (options.enforceAccess ?? process.env.LOCAL_ENFORCE !== 'off') ? new AccessEnforcer(options.outDir, { networkDir: options.networkDir, callsFile: options.callsFile }) : undefined;
    stoppers.push(async () => enforcer?.writeCalls());
    const endpoint = new AwsEndpoint({ admin: adminOf(state), faults: state.faults, ...(enforcer ? { enforce: (headers, target, raw) => enforcer.check(headers, target, raw) } : {}) });
    const all = (type: string) => resourcesOfType(stacks, type);
    const stateDir = options.stateDir ?? join(options.outDir, '..', '.local');
    const context: EmulatorContext = { stacks, options, region, accountId, stateDir, log, endpoint, enforcer, state, all, onStop: (s) => void stoppers.push(s) };

    // 1. Every server and its port first (the AWS endpoint, then each emulator's): URLs and ARNs carry them.
    const awsPort = await listenOn('AWS endpoint', options.ports?.aws, (p) => endpoint.start(p));
    stoppers.push(() => endpoint.stop());
    const provisions: Provision[] = [];
    for (const emulator of EMULATORS) provisions.push(await emulator.start(context));
    const at = { region, accountId, awsPort, apiPorts: new Map([...state.fronts].map(([key, front]) => [key, front.port])) };

    // 2. One resolver, then what the stacks declare, emulator by emulator.
    const resolver = localResolver(stacks, at);
    const endpoints = endpointVariables(region, `http://127.0.0.1:${awsPort}`);
    for (const provision of provisions) await provision({ ...context, resolver, at, endpoints });

    // 3. What is not emulated, the outputs, and the API clients (SigV4 with the stacks' client policies, and resource policies).
    const notEmulated = [...state.notEmulated, ...notEmulatedServices(stacks), ...state.warnings];
    const { outputs, omitted } = resolveOutputs(stacks, resolver, options.includeSensitive ?? true);
    const { clients, warm } = attachApiAccess({ stacks, apis: all('aws_api_gateway_rest_api'), fronts: state.fronts, resolver, outputs, region, accountId });
    if (options.outputsFile) writeOutputs(options.outputsFile, outputs, omitted, notEmulated);
    reportStartup(log, { stacks, state, tables: all('aws_dynamodb_table').length, endpoint: endpoints.AWS_ENDPOINT_URL_SQS, enforcer, clients, region, notEmulated, omitted });

    if (options.warmUp ?? true) void warm();
    const { functions, sqs, pollers, faults } = state;
    return { outputs, omittedOutputs: omitted, endpoints, notEmulated, functions, apis: [...state.fronts.values()], clients, sqs, pollers, faults, warmUp: warm, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
