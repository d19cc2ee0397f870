/** Messages between the local Lambda runtime (parent) and one warm container (child process). */
/** A fault injected by the local environment (tests only; never part of a deployed function): the handler is not called. */
export type FunctionFault = 'throw' | 'timeout';

export type ToWorker = { readonly type: 'invoke'; readonly id: string; readonly event: unknown; readonly deadline: number; readonly requestId: string; readonly fault?: FunctionFault };

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'init-error'; readonly errorType: string; readonly errorMessage: string }
  | { readonly type: 'result'; readonly id: string; readonly ok: true; readonly value: unknown }
  | { readonly type: 'result'; readonly id: string; readonly ok: false; readonly errorType: string; readonly errorMessage: string };
