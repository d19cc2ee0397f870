import { block, refs, resources } from '@tap/synth';
import { defineRule } from './define';
import { hasRedrive } from './sqs-queues';

/** Event source mappings whose source is a stream (records are retried in order, then skipped). */
const STREAM_SOURCES = new Set(['aws_dynamodb_table', 'aws_kinesis_stream', 'aws_msk_cluster']);

/** TAP-EVENTS-03 every asynchronous delivery has a dead-letter destination — no public anchor (similar checks exist in serverless-rules; ids not confirmed, none cited). */
/*
 * An event that exhausts its retries is otherwise dropped after the producer was told it was accepted:
 * - aws_cloudwatch_event_target: dead_letter_config.arn (EventBridge drops an event after its retry policy);
 * - aws_lambda_event_source_mapping from a stream: destination_config.on_failure.destination_arn;
 * - from an SQS queue of the stack: the queue's redrive_policy (its DLQ is the destination);
 * - aws_sns_topic_subscription to SQS or Lambda: redrive_policy.
 */
export const asyncDeadLetters = defineRule(
  {
    id: 'TAP-EVENTS-03',
    severity: 'error',
    description: 'EventBridge targets, stream and queue event sources and SNS subscriptions have a dead-letter destination',
    anchors: [],
  },
  (ctx, report) => {
    const json = ctx.stack.json;
    for (const t of resources(json, 'aws_cloudwatch_event_target')) {
      if (typeof block(t.body.dead_letter_config)?.arn === 'string') continue;
      report(t.address, 'EventBridge target without a dead-letter queue: an event that exhausts the retry policy is dropped after PutEvents said it was accepted. Fix: dead_letter_config = { arn: <SQS queue arn> } (a queue whose policy lets events.amazonaws.com send for this rule), with a depth alarm.');
    }
    for (const m of resources(json, 'aws_lambda_event_source_mapping')) {
      const source = refs(m.body.event_source_arn)[0];
      const onFailure = block(block(m.body.destination_config)?.on_failure)?.destination_arn;
      if (source?.type === 'aws_sqs_queue') {
        const queue = resources(json, 'aws_sqs_queue').find((q) => q.name === source.name);
        if (!queue || hasRedrive(json, queue)) continue;
        report(m.address, `event source queue ${source.name} has no redrive_policy: a message that keeps failing is retried until it expires and is lost. Fix: give the queue a DLQ (SecureQueue).`);
      } else if ((source && STREAM_SOURCES.has(source.type)) || m.body.starting_position !== undefined) {
        if (typeof onFailure === 'string') continue;
        report(m.address, 'stream event source without an on-failure destination: records that exhaust their retries are skipped and lost. Fix: destination_config = { on_failure = { destination_arn = <SQS queue or SNS topic arn> } } (and maximum_retry_attempts, bisect_batch_on_function_error).');
      }
    }
    for (const s of resources(json, 'aws_sns_topic_subscription')) {
      if (s.body.protocol !== 'sqs' && s.body.protocol !== 'lambda') continue;
      if (s.body.redrive_policy !== undefined && s.body.redrive_policy !== '') continue;
      report(s.address, `SNS ${String(s.body.protocol)} subscription without a redrive_policy: a message SNS cannot deliver is dropped after its retries. Fix: redrive_policy = { deadLetterTargetArn: <SQS queue arn> }.`);
    }
  },
);
