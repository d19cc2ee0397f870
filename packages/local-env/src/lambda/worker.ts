/**
 * One warm "container" of a local Lambda function, run as a child process with the function's own
 * environment (as Lambda's Node.js runtime does: module loaded once at init, then one invocation at a
 * time). Compiled by esbuild at start-up and run with plain Node, so nothing of the test tooling is
 * loaded into the handler's process.
 */
import { join } from 'node:path';
import type { FromWorker, ToWorker } from './protocol';

type Handler = (event: unknown, context: Record<string, unknown>, callback?: (error: unknown, value?: unknown) => void) => unknown;

function send(message: FromWorker): void {
  process.send?.(message);
}

function errorFields(error: unknown): { errorType: string; errorMessage: string } {
  if (error instanceof Error) return { errorType: error.name || 'Error', errorMessage: error.message };
  return { errorType: 'Error', errorMessage: typeof error === 'string' ? error : JSON.stringify(error) };
}

const root = process.env.LAMBDA_TASK_ROOT ?? process.cwd();
const spec = process.env._HANDLER ?? 'index.handler';
const dot = spec.lastIndexOf('.');
let handler: Handler | undefined;
let current: string | undefined;

try {
  const mod = require(join(root, spec.slice(0, dot))) as Record<string, unknown>;
  const fn = mod[spec.slice(dot + 1)];
  if (typeof fn !== 'function') throw Object.assign(new Error(`${spec} is undefined or not exported`), { name: 'Runtime.HandlerNotFound' });
  handler = fn as Handler;
  send({ type: 'ready' });
} catch (error) {
  const fields = errorFields(error);
  send({ type: 'init-error', errorType: fields.errorType === 'Error' ? 'Runtime.ImportModuleError' : fields.errorType, errorMessage: fields.errorMessage });
}

// An error escaping the handler's promise chain crashes the runtime, as on Lambda.
const crash = (error: unknown): void => {
  if (current) send({ type: 'result', id: current, ok: false, ...errorFields(error) });
  process.exit(1);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

process.on('message', (message: ToWorker) => {
  if (message.type !== 'invoke' || !handler) return;
  current = message.id;
  const name = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'local';
  const context: Record<string, unknown> = {
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: process.env.LOCAL_FUNCTION_ARN,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: message.requestId,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: `local/${process.pid}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
  };
  let settled = false;
  const finish = (error: unknown, value?: unknown): void => {
    if (settled) return;
    settled = true;
    current = undefined;
    if (error !== undefined && error !== null) send({ type: 'result', id: message.id, ok: false, ...errorFields(error) });
    else send({ type: 'result', id: message.id, ok: true, value: value === undefined ? null : value });
  };
  // Injected faults (local environment only): an error thrown by the "handler", or one that never answers.
  if (message.fault === 'throw') {
    finish(Object.assign(new Error('fault injected by the local environment'), { name: 'LocalInjectedFault' }));
    return;
  }
  if (message.fault === 'timeout') return;
  try {
    const h = handler;
    const out = h.length >= 3 ? h(message.event, context, finish) : h(message.event, context);
    if (out && typeof (out as Promise<unknown>).then === 'function') (out as Promise<unknown>).then((v) => finish(null, v), (e: unknown) => finish(e ?? new Error('handler rejected')));
    else if (h.length < 3) finish(null, out);
  } catch (error) {
    finish(error);
  }
});
