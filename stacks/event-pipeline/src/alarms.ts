import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { AlarmTopic, expressionAlarm, lambdaErrorRateQueries, metricAlarm, type BaseStack, type EncryptionKey, type SecureQueue } from '@tap/constructs';
import type { PipelineApi } from './api';
import type { PipelineBus } from './bus';
import type { PipelineFunctions } from './functions';

/** Runbook slugs (docs/runbooks/<slug>.md), one page per alarm. */
export const RUNBOOKS = {
  ingestErrors: 'event-pipeline-ingest-errors',
  processErrors: 'event-pipeline-process-errors',
  authorizerErrors: 'event-pipeline-authorizer-errors',
  dlqDepth: 'event-pipeline-dlq-depth',
  queueAge: 'event-pipeline-queue-age',
  api5xx: 'event-pipeline-api-5xx',
  deliveryFailures: 'event-pipeline-delivery-failures',
  deliveryDlqDepth: 'event-pipeline-delivery-dlq',
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
 * Alarms on rates where counts mislead (function error rates, API 5XX rate), on anything in the DLQ
 * (a message there is a lost event until someone acts), on queue age (the consumer is falling behind)
 * and on rule deliveries that failed. Thresholds are scaled by the profile's multiplier.
 */
export function pipelineAlarms(stack: BaseStack, deps: AlarmDeps): CloudwatchMetricAlarm[] {
  const { key, fns, queue, deliveryDlq, api, bus } = deps;
  const topic = new AlarmTopic(stack, 'alarm-topic', { name: 'events-alarms', kmsKeyArn: key.arn });
  const errorRate = (id: string, name: string, fnName: string, runbook: string, what: string) =>
    expressionAlarm(stack, id, {
      name,
      description: `${what} error rate above 5% for 10 minutes.`,
      runbook,
      threshold: 5,
      topic,
      metricQueries: lambdaErrorRateQueries(fnName),
    });
  return [
    errorRate('ingest-error-rate', 'events-ingest-error-rate', fns.ingest.functionName, RUNBOOKS.ingestErrors, 'Ingest function'),
    errorRate('process-error-rate', 'events-process-error-rate', fns.process.functionName, RUNBOOKS.processErrors, 'Process function'),
    errorRate('authorizer-error-rate', 'events-auth-error-rate', fns.authorizer.functionName, RUNBOOKS.authorizerErrors, 'Authorizer function'),
    metricAlarm(stack, 'dlq-depth', {
      name: 'events-dlq-depth',
      description: 'Messages in the pipeline DLQ: events that failed processing after every retry.',
      runbook: RUNBOOKS.dlqDepth,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: queue.dlq.name },
      statistic: 'Maximum',
      period: 60,
      evaluationPeriods: 1,
      threshold: 0,
      topic,
    }),
    metricAlarm(stack, 'delivery-dlq-depth', {
      name: 'events-delivery-dlq-depth',
      description: 'Events EventBridge could not deliver to the processing queue after its retry policy: accepted (202) but not queued.',
      runbook: RUNBOOKS.deliveryDlqDepth,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: deliveryDlq.name },
      statistic: 'Maximum',
      period: 60,
      evaluationPeriods: 1,
      threshold: 0,
      topic,
    }),
    metricAlarm(stack, 'queue-age', {
      name: 'events-queue-age',
      description: 'Oldest message in the processing queue older than 5 minutes: processing is falling behind.',
      runbook: RUNBOOKS.queueAge,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateAgeOfOldestMessage',
      dimensions: { QueueName: queue.queue.name },
      statistic: 'Maximum',
      period: 60,
      evaluationPeriods: 5,
      threshold: 300,
      topic,
    }),
    metricAlarm(stack, 'api-5xx', {
      name: 'events-api-5xx-rate',
      description: 'More than 5% of API requests answered 5XX for 10 minutes.',
      runbook: RUNBOOKS.api5xx,
      namespace: 'AWS/ApiGateway',
      metricName: '5XXError',
      dimensions: { ApiName: api.front.apiName, Stage: api.stage.stageName },
      // The metric is 0 or 1 per request, so its average is the 5XX fraction.
      statistic: 'Average',
      threshold: 0.05,
      topic,
    }),
    metricAlarm(stack, 'delivery-failures', {
      name: 'events-delivery-failures',
      description: 'The bus rule failed to deliver events to the processing queue.',
      runbook: RUNBOOKS.deliveryFailures,
      namespace: 'AWS/Events',
      metricName: 'FailedInvocations',
      dimensions: { EventBusName: bus.bus.name, RuleName: bus.rule.name },
      evaluationPeriods: 1,
      threshold: 0,
      topic,
    }),
  ];
}
