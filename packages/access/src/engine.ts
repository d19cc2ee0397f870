import type { HandlerContract } from '@tap/lambda-kit';
import type { StackDoc } from '@tap/synth';
import { allContracts } from './contracts';
import { apiInvocations, stageLogs } from './interactions/apigw';
import { eventSources, functions, lambdaBasics, sdkCalls } from './interactions/lambda';
import { alarmTopics, backups, eventTargets, flowLogs, logsCmk, replication } from './interactions/services';
import { AppModel } from './model';
import { reach } from './network';
import { decide, type Decision, type RequestResult } from './simulate';
import type { Interaction, InteractionResult } from './types';

export interface AccessOptions {
  /** Handler contracts; default every contract of the repo's lambdas packages. */
  readonly contracts?: readonly HandlerContract[];
  /** Stacks of another synth the app looks up at plan time (the shared network of `pr`). */
  readonly networkStacks?: readonly StackDoc[];
  /** Stack → stacks it depends on (cdktf manifest `dependencies`). */
  readonly stackDependencies?: ReadonlyMap<string, readonly string[]>;
}

export interface AccessReport {
  readonly results: readonly InteractionResult[];
  readonly allow: number;
  readonly deny: number;
  readonly unknown: number;
  readonly model: AppModel;
}

/** Every runtime interaction the synthesized stacks create. */
export function interactions(model: AppModel, options: AccessOptions = {}): Interaction[] {
  const infos = functions(model, options.contracts ?? allContracts());
  return [
    ...infos.flatMap((info) => lambdaBasics(model, info)),
    ...infos.flatMap((info) => sdkCalls(model, info)),
    ...infos.filter((i) => !i.contract).map((i): Interaction => ({ kind: 'sdk-call', stack: i.fn.stack, summary: `${i.name}: SDK calls`, requests: [], preset: { decision: 'UNKNOWN', reason: `no handler contract declares the calls of ${i.fn.path.replace(/\/function$/, '')}` } })),
    ...eventSources(model, infos),
    ...apiInvocations(model),
    ...stageLogs(model, options.stackDependencies ?? new Map()),
    ...logsCmk(model),
    ...alarmTopics(model),
    ...eventTargets(model),
    ...flowLogs(model),
    ...backups(model),
    ...replication(model),
  ];
}

const rank: Record<Decision, number> = { ALLOW: 0, UNKNOWN: 1, DENY: 2 };

/** Decides one interaction: each request through the simulator, plus the network path where one is needed. */
export async function decideInteraction(model: AppModel, interaction: Interaction): Promise<InteractionResult> {
  const requests: RequestResult[] = [];
  for (const req of interaction.requests) requests.push(await decide(req));
  const network = interaction.network ? reach(model, interaction.network.fn, interaction.network.service) : undefined;
  let decision: Decision = interaction.preset?.decision ?? 'ALLOW';
  for (const r of requests) if (rank[r.decision] > rank[decision]) decision = r.decision;
  if (network && rank[network.decision] > rank[decision]) decision = network.decision;
  const worst = [interaction.preset?.decision === decision ? interaction.preset.reason : undefined, ...requests.filter((r) => r.decision === decision).map((r) => `${r.request.action} on ${r.request.resource} as ${r.request.principal}: ${r.reason}`), network?.decision === decision ? network.reason : undefined].filter(Boolean);
  const reason = decision === 'ALLOW' ? [...requests.map((r) => `${r.request.action}: ${r.reason.replace(/^allowed by /, '')}`), ...(network ? [`network: ${network.reason}`] : [])].join('; ') : worst.join('; ');
  return { interaction, decision, reason, requests, network };
}

/** Decides every interaction (decideInteraction). */
export async function checkAccess(stacks: readonly StackDoc[], options: AccessOptions = {}): Promise<AccessReport> {
  const model = new AppModel(stacks, (options.networkStacks ?? []).map((s) => ({ ...s, name: `network:${s.name}` })));
  const results: InteractionResult[] = [];
  for (const interaction of interactions(model, options)) results.push(await decideInteraction(model, interaction));
  return {
    results,
    allow: results.filter((r) => r.decision === 'ALLOW').length,
    deny: results.filter((r) => r.decision === 'DENY').length,
    unknown: results.filter((r) => r.decision === 'UNKNOWN').length,
    model,
  };
}
