import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';
import { requiredEnv } from './env';
import { createLogger, type Log, type LogLevel } from './logger';
import { countMetric, createMetrics, type BusinessMetric } from './metrics';
import { createTracer } from './tracer';

/** The business keys a trace is searched by (X-Ray annotations) and a log line carries. */
export type BusinessKey = 'paymentId' | 'itemId' | 'eventId';

/**
 * What the logic modules get to observe an invocation with: log lines (which carry the Lambda context
 * and the correlation id), business metrics, and the invocation's business key. Tests pass
 * `quietTelemetry()` or a recorder.
 */
export interface Telemetry extends Log {
  /** Adds to a business metric; published as EMF when the invocation ends. */
  count(metric: BusinessMetric, value?: number): void;
  /** The invocation's business key: an X-Ray annotation on the handler's subsegment and a key on every later log line. */
  key(name: BusinessKey, value: string): void;
}

/** The per-container observability of one function: Powertools Logger, Tracer and Metrics, and the Telemetry over them. */
export interface Runtime {
  readonly logger: Logger;
  readonly tracer: Tracer;
  readonly metrics: Metrics;
  readonly telemetry: Telemetry;
}

export interface RuntimeOptions {
  /** Log level (tests: `SILENT`). Default POWERTOOLS_LOG_LEVEL, else INFO. */
  readonly logLevel?: LogLevel;
  /** Force tracing on or off. Default: on in Lambda, off locally and outside Lambda (tracer.ts). */
  readonly tracing?: boolean;
}

/**
 * Builds the runtime of a function of `system` (its metrics namespace, metrics.ts) once per container.
 * Reads ENVIRONMENT_SUFFIX (the metrics' `environment` dimension; every function has it from the
 * stack): missing, init fails naming it.
 */
export function createRuntime(system: string, options: RuntimeOptions = {}): Runtime {
  const environment = requiredEnv('ENVIRONMENT_SUFFIX');
  const logger = createLogger(options.logLevel);
  const tracer = createTracer(options.tracing === undefined ? {} : { enabled: options.tracing });
  const metrics = createMetrics(system, environment);
  const telemetry: Telemetry = {
    info: (message, ...extra) => logger.info(message, ...(extra as [])),
    warn: (message, ...extra) => logger.warn(message, ...(extra as [])),
    error: (message, ...extra) => logger.error(message, ...(extra as [])),
    count: (metric, value) => countMetric(metrics, metric, value),
    key: (name, value) => {
      logger.appendKeys({ [name]: value });
      tracer.putAnnotation(name, value);
    },
  };
  return { logger, tracer, metrics, telemetry };
}

/** A Telemetry that logs nothing and counts nothing (tests that do not look at either). */
export function quietTelemetry(): Telemetry {
  const none = (): void => undefined;
  return { info: none, warn: none, error: none, count: none, key: none };
}

/** Where an event's correlation id comes from (API Gateway: the request id). */
export type CorrelationOf<E> = (event: E) => string | undefined;

/** The correlation id of an API Gateway proxy event: API Gateway's request id (what its access log shows). */
export function apiRequestId(event: unknown): string | undefined {
  const id = (event as { requestContext?: { requestId?: unknown } } | null | undefined)?.requestContext?.requestId;
  return typeof id === 'string' && id.length > 0 ? id.slice(0, 128) : undefined;
}

/**
 * Wraps a handler's logic with the runtime, the one way every handler is written:
 * - the Logger gets the Lambda context (request id, cold start, function name and ARN, memory, and the
 *   version that ran) and the
 *   correlation id, on every line of the invocation; keys of the previous invocation are dropped;
 * - the Tracer opens the handler's subsegment (`## <handler>`, annotated ColdStart, Service and
 *   correlationId; business keys are added by `telemetry.key`), records a thrown error, and closes it;
 * - the metrics counted during the invocation are published (one EMF line) when it ends, thrown or not.
 */
export function lambdaHandler<E, R>(runtime: Runtime, correlationOf: CorrelationOf<E>, handle: (event: E, context?: Context) => Promise<R>): (event: E, context?: Context) => Promise<R> {
  const { logger, tracer, metrics } = runtime;
  return async (event, context) => {
    logger.resetKeys();
    if (context) {
      logger.addContext(context);
      // The Logger's context fields name the function, not the version that ran (a rollback moves the alias).
      logger.appendKeys({ function_version: context.functionVersion });
    }
    let correlationId: string | undefined;
    try {
      correlationId = correlationOf(event);
    } catch {
      correlationId = undefined; // a malformed event still gets an answer from the logic
    }
    if (correlationId) logger.setCorrelationId(correlationId);
    const segment = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
    const subsegment = segment?.addNewSubsegment(`## ${process.env._HANDLER ?? 'index.handler'}`);
    if (segment && subsegment) {
      tracer.setSegment(subsegment);
      tracer.annotateColdStart();
      tracer.addServiceNameAnnotation();
      if (correlationId) tracer.putAnnotation('correlationId', correlationId);
    }
    try {
      return await handle(event, context);
    } catch (err) {
      tracer.addErrorAsMetadata(err as Error);
      throw err;
    } finally {
      if (segment && subsegment) {
        subsegment.close();
        tracer.setSegment(segment);
      }
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}
