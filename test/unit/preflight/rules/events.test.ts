import { asyncDeadLetters } from '@tap/preflight';
import { check, stack, title } from './helpers';

const queues = {
  main: { name: 'events-queue-dev', kms_master_key_id: 'k', redrive_policy: JSON.stringify({ deadLetterTargetArn: '${aws_sqs_queue.dlq.arn}', maxReceiveCount: 3 }) },
  dlq: { name: 'events-queue-dlq-dev', kms_master_key_id: 'k' },
  bare: { name: 'bare-dev', kms_master_key_id: 'k' },
};

describe(title(asyncDeadLetters), () => {
  it('compliant: a target with dead_letter_config, a queue source with a DLQ, a stream source with on_failure, an SNS subscription with redrive', () => {
    const doc = stack({
      resource: {
        aws_sqs_queue: queues,
        aws_cloudwatch_event_target: { t: { rule: 'r', arn: '${aws_sqs_queue.main.arn}', dead_letter_config: { arn: '${aws_sqs_queue.dlq.arn}' } } },
        aws_lambda_event_source_mapping: {
          sqs: { event_source_arn: '${aws_sqs_queue.main.arn}', function_name: 'f' },
          stream: { event_source_arn: '${aws_dynamodb_table.t.stream_arn}', starting_position: 'LATEST', function_name: 'f', destination_config: { on_failure: { destination_arn: '${aws_sqs_queue.dlq.arn}' } } },
        },
        aws_sns_topic_subscription: { s: { protocol: 'sqs', endpoint: '${aws_sqs_queue.main.arn}', redrive_policy: JSON.stringify({ deadLetterTargetArn: '${aws_sqs_queue.dlq.arn}' }) } },
      },
    });
    expect(check(asyncDeadLetters, doc)).toEqual([]);
  });

  it('an EventBridge target without a dead-letter queue is an error (events past the retry policy are dropped after a 202)', () => {
    const doc = stack({ resource: { aws_sqs_queue: queues, aws_cloudwatch_event_target: { t: { rule: 'r', arn: '${aws_sqs_queue.main.arn}', retry_policy: { maximum_retry_attempts: 185 } } } } });
    const findings = check(asyncDeadLetters, doc);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', address: 'aws_cloudwatch_event_target.t' });
    expect(findings[0].message).toMatch(/dead_letter_config/);
  });

  it('a stream event source without an on-failure destination, a queue source without a DLQ and an SNS subscription without redrive are errors', () => {
    const doc = stack({
      resource: {
        aws_sqs_queue: queues,
        aws_lambda_event_source_mapping: {
          stream: { event_source_arn: '${aws_dynamodb_table.t.stream_arn}', starting_position: 'LATEST', function_name: 'f' },
          bare: { event_source_arn: '${aws_sqs_queue.bare.arn}', function_name: 'f' },
        },
        aws_sns_topic_subscription: { s: { protocol: 'lambda', endpoint: 'f' }, mail: { protocol: 'email', endpoint: 'a@example.org' } },
      },
    });
    expect(check(asyncDeadLetters, doc).map((f) => f.address).sort()).toEqual(['aws_lambda_event_source_mapping.bare', 'aws_lambda_event_source_mapping.stream', 'aws_sns_topic_subscription.s']);
  });
});
