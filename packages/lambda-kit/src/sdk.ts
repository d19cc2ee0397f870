import { NodeHttpHandler } from '@smithy/node-http-handler';

/**
 * How long one SDK call may take, end to end. Every handler builds its clients from this (one place), so
 * a stalled dependency becomes an error the handler can answer with, well inside the function timeout
 * and API Gateway's 29 s integration limit.
 */
export interface SdkBudget {
  /** TCP/TLS connect, per attempt (ms). */
  readonly connectTimeoutMs: number;
  /** Whole request once connected, per attempt (ms). Fires as a TimeoutError (throwOnRequestTimeout). */
  readonly requestTimeoutMs: number;
  /** Attempts including the first (the SDK's standard retry strategy, with its jittered back-off). */
  readonly maxAttempts: number;
}

/**
 * The budget of every function behind an API: at most 2 x (1 s + 2 s) + back-off (< 1 s) = 7 s for one
 * call, so a stalled dependency answers 503 in under 10 s. DynamoDB, EventBridge and SSM answer in
 * milliseconds when healthy; 2 s per attempt is far above their normal latency.
 */
export const API_SDK_BUDGET: SdkBudget = { connectTimeoutMs: 1_000, requestTimeoutMs: 2_000, maxAttempts: 2 };

/** The SDK's largest back-off between attempts (throttling base 500 ms doubled once, rounded up). */
const MAX_BACKOFF_MS = 1_000;

/** The longest one call can take under `budget` (every attempt hits both timeouts, plus back-off). */
export function worstCaseCallMs(budget: SdkBudget = API_SDK_BUDGET): number {
  return budget.maxAttempts * (budget.connectTimeoutMs + budget.requestTimeoutMs) + (budget.maxAttempts - 1) * MAX_BACKOFF_MS;
}

/**
 * Client configuration for any SDK v3 client: `new DynamoDBClient(sdkClientConfig())`. Endpoints come
 * from the standard AWS_ENDPOINT_URL_* variables, which SDK v3 honours by itself.
 *
 * `throwOnRequestTimeout: true` matters: @smithy/node-http-handler 4.x only LOGS a warning when
 * `requestTimeout` passes unless it is set (see setRequestTimeout in its dist-cjs/index.js), so without
 * it a stalled call hangs until the function times out.
 */
export function sdkClientConfig(budget: SdkBudget = API_SDK_BUDGET): { maxAttempts: number; requestHandler: NodeHttpHandler } {
  return {
    maxAttempts: budget.maxAttempts,
    requestHandler: new NodeHttpHandler({ connectionTimeout: budget.connectTimeoutMs, requestTimeout: budget.requestTimeoutMs, throwOnRequestTimeout: true }),
  };
}

/** The one way a handler builds an AWS SDK v3 client: the shared budget, captured by the Tracer. */
export interface ClientTracer {
  captureAWSv3Client<T>(client: T): T;
}

/**
 * `sdkClient(DynamoDBClient, runtime.tracer)`: a client with the shared SDK budget (connect, request
 * and retry bounds that really fire), captured by the Powertools Tracer so each call is an X-Ray
 * subsegment (DynamoDB, EventBridge, SSM) with its service, operation and outcome. Call once per
 * container (module scope). A DynamoDBDocumentClient built `from` it shares its middleware stack,
 * so the document client's calls are captured too.
 */
export function sdkClient<C>(Client: new (config: ReturnType<typeof sdkClientConfig>) => C, tracer: ClientTracer, budget: SdkBudget = API_SDK_BUDGET): C {
  return tracer.captureAWSv3Client(new Client(sdkClientConfig(budget)));
}

/** Document client options of every table here: undefined attributes are left out, not an error. */
export const DOCUMENT_CLIENT_OPTIONS = { marshallOptions: { removeUndefinedValues: true } } as const;
