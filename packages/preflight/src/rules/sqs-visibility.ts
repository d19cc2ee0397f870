import { num, refersTo, resources } from '../tf';
import { defineRule } from './define';

/** TAP-SQS-03 queue visibility >= 6 x the timeout of its Lambda consumer — anchors: LambdaEventSourceSQSVisibilityTimeout (cdk-nag). */
export const sqsVisibility = defineRule(
  {
    id: 'TAP-SQS-03',
    severity: 'error',
    description: 'visibility_timeout_seconds >= 6 x timeout of a Lambda consuming the queue through aws_lambda_event_source_mapping',
    anchors: ['LambdaEventSourceSQSVisibilityTimeout'],
  },
  (ctx, report) => {
    const json = ctx.stack.json;
    const functions = resources(json, 'aws_lambda_function');
    for (const q of resources(json, 'aws_sqs_queue')) {
      const visibility = num(q.body.visibility_timeout_seconds ?? 30);
      if (visibility === undefined) continue;
      for (const mapping of resources(json, 'aws_lambda_event_source_mapping').filter((m) => refersTo(m.body.event_source_arn, 'aws_sqs_queue', q.name))) {
        const fn = functions.find((f) => refersTo(mapping.body.function_name, 'aws_lambda_function', f.name) || (mapping.body.function_name !== undefined && mapping.body.function_name === f.body.function_name));
        const timeout = fn ? num(fn.body.timeout ?? 3) : undefined;
        if (fn && timeout !== undefined && visibility < 6 * timeout) {
          report(q.address, `visibility_timeout_seconds ${visibility} < 6 x ${fn.address} timeout ${timeout} s = ${6 * timeout}: a message still being processed becomes visible again and is handled twice. Fix: visibility_timeout_seconds >= ${6 * timeout} (SecureQueue consumerTimeoutSeconds).`);
        }
      }
    }
  },
);
