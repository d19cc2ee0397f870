import type { Resolver } from '../../refs';
import type { SynthStack, StackResource as TfResource } from '@tap/synth';
import type { ResourceNode } from '../model';
import type { ApiFront } from '../server';
import { ApiAccess } from './access';
import { localClients, type LocalClient, type PolicyDocument } from './clients';
import { resourcePolicyOf } from './resource-policy';
import { signatureV4 } from './signer';

export { ApiAccess, type CallerIdentity } from './access';
export { localClients, OUTSIDE_ACCOUNT_ID, type LocalClient } from './clients';
export { verifySigV4, MAX_SKEW_MS } from './sigv4';
export { signedHeaders, type ClientCredentials } from './sign';

/** Outputs ending in this are client grant policies (JSON), what a real client attaches to its role. */
const GRANT_OUTPUT = /ClientPolicy$/;

/**
 * Creates the local API clients (granted the stacks' `*ClientPolicy` outputs) and gives every API front
 * its access checks: SigV4 with those clients' keys and the API's resource policy. Returns the clients
 * (printed at start-up, handed to tests) and `warm`, which evaluates every client on every route in the
 * background and loads the signer, so the first requests of a burst do not wait for either.
 */
export function attachApiAccess(options: {
  readonly stacks: readonly SynthStack[];
  readonly apis: readonly TfResource[];
  readonly fronts: ReadonlyMap<string, ApiFront>;
  readonly resolver: Resolver;
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly region: string;
  readonly accountId: string;
}): { clients: LocalClient[]; warm: () => Promise<void> } {
  const grants = Object.entries(options.outputs)
    .filter(([k, v]) => GRANT_OUTPUT.test(k) && typeof v === 'string')
    .map(([, v]) => JSON.parse(v as string) as PolicyDocument);
  const clients = localClients(options.accountId, grants);
  const warmers: (() => Promise<void>)[] = [];
  for (const api of options.apis) {
    const front = options.fronts.get(`${api.stack}|${api.name}`);
    const resourcePolicy = resourcePolicyOf(options.stacks, api, options.resolver);
    if (!front) continue;
    const access = new ApiAccess({ region: options.region, accountId: options.accountId, clients, resourcePolicy });
    front.setAccess(access);
    warmers.push(() => access.warm(routesOf(front, options.region, options.accountId)));
  }
  const warm = async (): Promise<void> => {
    signatureV4();
    await Promise.all(warmers.map((w) => w()));
  };
  return { clients, warm };
}

/** Every method of a served API as a method ARN on each stage (path parameters as a sample value). */
function routesOf(front: ApiFront, region: string, accountId: string): { method: string; route: string; methodArn: string }[] {
  const out: { method: string; route: string; methodArn: string }[] = [];
  const visit = (node: ResourceNode): void => {
    for (const method of node.methods.keys()) {
      for (const stage of front.model.stages.keys()) {
        out.push({ method, route: node.path, methodArn: `arn:aws:execute-api:${region}:${accountId}:${front.model.id}/${stage}/${method}${node.path.replace(/\{[^}]+\}/g, 'sample')}` });
      }
    }
    node.children.forEach(visit);
  };
  visit(front.model.root);
  return out;
}

/** Start-up lines: how to sign as each client. */
export function describeClients(clients: readonly LocalClient[], region: string): string[] {
  return [
    `  API clients (SigV4, service execute-api, region ${region}):`,
    ...clients.map((c) => `    ${c.name}: AWS_ACCESS_KEY_ID=${c.accessKeyId} AWS_SECRET_ACCESS_KEY=${c.secretAccessKey} (${c.sessionArn}; ${c.purpose})`),
  ];
}
