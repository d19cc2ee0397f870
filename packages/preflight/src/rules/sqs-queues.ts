import { words } from '../names';
import { refersTo, resources, type TfResource, type StackJson } from '@tap/synth';

/** True when the queue is itself a dead-letter queue: some redrive policy or DLQ config points at it, or it is named one. */
export function isDeadLetterQueue(json: StackJson, queue: TfResource): boolean {
  const target = (v: unknown): boolean => refersTo(v, 'aws_sqs_queue', queue.name);
  if (resources(json, 'aws_sqs_queue').some((q) => q.name !== queue.name && target(q.body.redrive_policy))) return true;
  if (resources(json, 'aws_sqs_queue_redrive_policy').some((p) => target(p.body.redrive_policy))) return true;
  if (resources(json, 'aws_lambda_function', 'aws_cloudwatch_event_target', 'aws_lambda_function_event_invoke_config', 'aws_lambda_event_source_mapping', 'aws_sns_topic_subscription').some((r) =>
    target(r.body.dead_letter_config) || target(r.body.destination_config) || target(r.body.redrive_policy),
  )) return true;
  if (queue.body.redrive_allow_policy !== undefined) return true;
  const name = typeof queue.body.name === 'string' ? words(queue.body.name) : [];
  return name.includes('dlq') || (name.includes('dead') && name.includes('letter'));
}

/** True when the queue has a redrive policy (inline or as its own resource). */
export function hasRedrive(json: StackJson, queue: TfResource): boolean {
  if (queue.body.redrive_policy !== undefined && queue.body.redrive_policy !== '') return true;
  return resources(json, 'aws_sqs_queue_redrive_policy').some((p) => refersTo(p.body.queue_url, 'aws_sqs_queue', queue.name));
}
