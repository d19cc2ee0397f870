import { count } from '@tap/cli';
import { describeClients, type LocalClient } from './apigw/auth';
import type { LocalState } from './emulator';
import type { AccessEnforcer } from './iam/enforcer';
import type { OmittedOutput } from './outputs';
import type { SynthStack } from '@tap/synth';

/** The start-up report: what runs where, how to sign, what is not emulated, which outputs were left out. */
export function reportStartup(
  log: (line: string) => void,
  r: { stacks: readonly SynthStack[]; state: LocalState; tables: number; endpoint: string; enforcer?: AccessEnforcer; clients: readonly LocalClient[]; region: string; notEmulated: readonly string[]; omitted: readonly OmittedOutput[] },
): void {
  const { state } = r;
  log(`local environment: ${[count(r.stacks.length, 'stack'), count(state.functions.size, 'function'), count(state.queues.size, 'queue'), count(r.tables, 'table'), count(state.rules.length, 'rule'), count(state.fronts.size, 'API')].join(', ')}, on 127.0.0.1`);
  for (const front of state.fronts.values()) log(`  API ${front.model.name} (${front.model.stack}): ${[...front.model.stages.keys()].map((st) => `http://127.0.0.1:${front.port}/${st}`).join(', ')}`);
  log(`  AWS endpoint (DynamoDB, SQS, EventBridge, SSM): ${r.endpoint}`);
  log(`  ${r.enforcer ? r.enforcer.describe() : 'IAM and network are NOT enforced (LOCAL_ENFORCE=off)'}`);
  for (const line of describeClients(r.clients, r.region)) log(line);
  for (const n of r.notEmulated) log(`  not emulated: ${n}`);
  for (const o of r.omitted) log(`  output left out: ${o.key} (${o.stack}): ${o.reason}`);
}
