import type { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import {
  AlarmTopic,
  eventsRuleMetric,
  Monitor,
  monitorFunction,
  monitorQueueDepth,
  monitorQueueWithDlq,
  monitorRestApi,
  sqsMetric,
  type BaseStack,
  type EncryptionKey,
  type SecureQueue,
} from '@tap/constructs';
import type { PipelineApi } from './api';
import type { PipelineBus } from './bus';
import { DELIVERY_DLQ_NAME } from './delivery-dlq';
import type { PipelineFunctions } from './functions';

/** Runbook slugs (docs/runbooks/<slug>.md), one page per alarm. */
export const RUNBOOKS = {
  ingestErrors: 'event-pipeline-ingest-errors',
  processErrors: 'event-pipeline-process-errors',
  authorizerErrors: 'event-pipeline-authorizer-errors',
  lambdaThrottles: 'event-pipeline-lambda-throttles',
  dlqDepth: 'event-pipeline-dlq-depth',
  queueAge: 'event-pipeline-queue-age',
  api5xx: 'event-pipeline-api-5xx',
  deliveryFailures: 'event-pipeline-delivery-failures',
  deliveryDlqDepth: 'event-pipeline-delivery-dlq',
} as const;

/** Base thresholds, before the profile's multiplier. */
export const THRESHOLDS = {
  /** Percent of invocations that error, per function. */
  lambdaErrorRatePercent: 5,
  /** Percent of invocation attempts that are throttled, per function. */
  lambdaThrottleRatePercent: 1,
  /** Percent of API requests answered 5XX. */
  api5xxRatePercent: 5,
  /** Age of the oldest message in the processing queue, seconds. */
  queueAgeSeconds: 300,
} as const;

export interface AlarmDeps {
  readonly key: EncryptionKey;
  readonly fns: PipelineFunctions;
  readonly queue: SecureQueue;
  /** Dead-letter queue of the rule's target: events EventBridge could not deliver. */
  readonly deliveryDlq: SqsQueue;
  readonly api: PipelineApi;
  readonly bus: PipelineBus;
}

/**
 * Alarms on rates where counts mislead (function error and throttle rates, API 5XX rate), on anything in
 * a DLQ (a message there is a lost event until someone acts), on queue age (the consumer is falling
 * behind) and on rule deliveries that failed. Thresholds are scaled by the profile's multiplier.
 */
export function pipelineAlarms(stack: BaseStack, deps: AlarmDeps): Monitor {
  const { key, fns, queue, deliveryDlq, api, bus } = deps;
  const monitor = new Monitor(stack, new AlarmTopic(stack, 'alarm-topic', { name: 'events-alarms', kmsKeyArn: key.arn }));
  for (const [fn, id, name, runbook] of [
    [fns.ingest, 'ingest', 'ingest', RUNBOOKS.ingestErrors],
    [fns.process, 'process', 'process', RUNBOOKS.processErrors],
    [fns.authorizer, 'authorizer', 'auth', RUNBOOKS.authorizerErrors],
  ] as const) {
    monitorFunction(monitor, fn, {
      errorRatePercent: { id: `${id}-error-rate`, name: `events-${name}-error-rate`, runbook, threshold: THRESHOLDS.lambdaErrorRatePercent },
      throttleRatePercent: { id: `${id}-throttle-rate`, name: `events-${name}-throttle-rate`, runbook: RUNBOOKS.lambdaThrottles, threshold: THRESHOLDS.lambdaThrottleRatePercent },
    });
  }
  monitorQueueWithDlq(monitor, queue, {
    dlqMessages: { id: 'dlq-depth', name: 'events-dlq-depth', runbook: RUNBOOKS.dlqDepth, threshold: 0, period: 60, evaluationPeriods: 1, meaning: 'Events that failed processing after every retry.' },
    oldestMessageAgeSeconds: { id: 'queue-age', name: 'events-queue-age', runbook: RUNBOOKS.queueAge, threshold: THRESHOLDS.queueAgeSeconds, period: 60, evaluationPeriods: 5, meaning: 'Processing is falling behind.' },
  });
  monitorQueueDepth(monitor, stack.naming.name(DELIVERY_DLQ_NAME, 'sqsQueue'), sqsMetric(deliveryDlq.name, 'ApproximateNumberOfMessagesVisible'), {
    id: 'delivery-dlq-depth',
    name: 'events-delivery-dlq-depth',
    runbook: RUNBOOKS.deliveryDlqDepth,
    threshold: 0,
    period: 60,
    evaluationPeriods: 1,
    meaning: 'Events EventBridge could not deliver to the processing queue after its retry policy: accepted (202) but not queued.',
  });
  monitorRestApi(monitor, api.front, { serverErrorRatePercent: { id: 'api-5xx', name: 'events-api-5xx-rate', runbook: RUNBOOKS.api5xx, threshold: THRESHOLDS.api5xxRatePercent } });
  monitor.metric(
    { id: 'delivery-failures', name: 'events-delivery-failures', runbook: RUNBOOKS.deliveryFailures, threshold: 0, evaluationPeriods: 1, meaning: 'The bus rule failed to deliver events to the processing queue.' },
    bus.ruleName,
    eventsRuleMetric(bus.bus.name, bus.rule.name, 'FailedInvocations'),
    (t) => `more than ${t} failed deliveries`,
  );
  return monitor;
}
