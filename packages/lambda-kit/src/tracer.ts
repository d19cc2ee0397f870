import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * One Powertools Tracer per container. Functions run with X-Ray Active tracing (the stacks set it);
 * every SDK client is captured (sdk.ts `sdkClient`), so a trace shows one subsegment per DynamoDB,
 * EventBridge or SSM call under the handler's own subsegment.
 *
 * `captureHTTPsRequests: false`: every outgoing call here is an SDK call, already captured per client;
 * patching Node's http/https globally would record each call twice and costs init time.
 * The local environment (`AWS_EXECUTION_ENV` ending in `_local`) has no X-Ray daemon and no trace
 * header, so tracing is off there, as the Tracer already does outside Lambda (tests, scripts).
 */
export function createTracer(options: { readonly enabled?: boolean } = {}): Tracer {
  const local = (process.env.AWS_EXECUTION_ENV ?? '').endsWith('_local');
  const enabled = options.enabled ?? !local;
  return new Tracer({ captureHTTPsRequests: false, ...(enabled ? {} : { enabled: false }) });
}
