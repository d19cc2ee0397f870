/**
 * Fixed ports of `pnpm local`, so URLs in a browser tab, a Postman collection or a shell history keep
 * working across restarts. One base port (default 4600, `--port` or LOCAL_PORT to move it): the AWS
 * endpoint listens on the base, each REST API on base + its stack's offset. Tests never use this:
 * startLocalEnvironment without `ports` listens on free ports, so parallel runs cannot collide.
 */

/** Default base port of `pnpm local`. */
export const DEFAULT_LOCAL_PORT = 4600;

/** Offsets of the repo's APIs, by stack: documented in the README, never reused for another stack. */
export const API_PORT_OFFSETS: Readonly<Record<string, number>> = {
  'event-pipeline': 1,
  'payment-api': 2,
  'rest-api': 3,
};

/** Stacks not in the table (a new system) get the next offsets from here, in stack-name order. */
const FIRST_FREE_OFFSET = 10;

export interface PortPlan {
  readonly aws: number;
  /** `<stack>|<resource name>` of each aws_api_gateway_rest_api → port. */
  readonly apis: ReadonlyMap<string, number>;
}

/**
 * The port of every server for the given APIs (`{ stack, name }` of each aws_api_gateway_rest_api).
 * Base 0 means every server on a free port. A stack with two APIs gets consecutive ports for the second.
 */
export function planPorts(apis: readonly { stack: string; name: string }[], base = DEFAULT_LOCAL_PORT): PortPlan {
  if (!Number.isInteger(base) || base < 0 || base > 65535 - 100) throw new Error(`port: ${base} is not a port from 1 to 65435 (or 0 for free ports)`);
  const plan = new Map<string, number>();
  if (base === 0) {
    for (const a of apis) plan.set(`${a.stack}|${a.name}`, 0);
    return { aws: 0, apis: plan };
  }
  const used = new Set<number>([0]);
  let next = FIRST_FREE_OFFSET;
  const sorted = [...apis].sort((a, b) => `${a.stack}|${a.name}`.localeCompare(`${b.stack}|${b.name}`));
  for (const a of sorted) {
    let offset = API_PORT_OFFSETS[a.stack];
    if (offset === undefined || used.has(offset)) {
      while (used.has(next) || Object.values(API_PORT_OFFSETS).includes(next)) next++;
      offset = next;
    }
    used.add(offset);
    plan.set(`${a.stack}|${a.name}`, base + offset);
  }
  return { aws: base, apis: plan };
}

/** The base port from `--port` or LOCAL_PORT, else the default; names the source of a bad value. */
export function basePort(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const [raw, source] = flag !== undefined ? [flag, '--port'] : env.LOCAL_PORT !== undefined && env.LOCAL_PORT !== '' ? [env.LOCAL_PORT, 'LOCAL_PORT'] : [String(DEFAULT_LOCAL_PORT), 'default'];
  if (!/^\d+$/.test(raw) || Number(raw) > 65435) throw new Error(`${source}: "${raw}" is not a port. Fix: a number from 1024 to 65435, or 0 for free ports`);
  return Number(raw);
}
