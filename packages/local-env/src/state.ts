import type { LocalState } from './emulator';
import { Faults } from './faults';
import type { LocalFunction } from './lambda/runtime';
import { SqsEngine } from './sqs/engine';
import { SsmStore } from './ssm/store';

/** The shared state of one local environment, empty: the emulators fill it in registry order. */
export function createState(region: string, accountId: string, visibilityTimeoutScale: number): LocalState {
  const functions = new Map<string, LocalFunction>();
  return {
    sqs: new SqsEngine(visibilityTimeoutScale),
    ssm: new SsmStore(`arn:aws:ssm:${region}:${accountId}:parameter`),
    functions,
    queues: new Map(),
    fronts: new Map(),
    rules: [],
    pollers: [],
    faults: new Faults(functions),
    notEmulated: [],
    warnings: [],
    invoke: async (arnOrInvokeArn, event) => {
      const fnArn = /functions\/(.+)\/invocations$/.exec(arnOrInvokeArn)?.[1] ?? arnOrInvokeArn;
      const name = fnArn.split(':')[6] ?? fnArn;
      const fn = functions.get(name);
      if (!fn) return { ok: false as const, errorType: 'ResourceNotFoundException', errorMessage: `function ${name} is not running locally`, timedOut: false, durationMs: 0 };
      return fn.invoke(event);
    },
  };
}

/** GET /_local/<path> of the AWS endpoint: what CloudWatch would count (Invocations, Errors), for tests in other processes. */
export function adminOf(state: LocalState): (path: string) => unknown {
  return (path) =>
    path === 'metrics'
      ? { functions: Object.fromEntries([...state.functions].map(([n, f]) => [n, f.metrics])), eventDeliveryErrors: state.events?.deliveryErrors ?? [], queues: Object.fromEntries(state.sqs.specs().map((q) => [q.name, state.sqs.attributes(q.url)])) }
      : { error: `unknown path ${path}; try metrics` };
}
