import { resolveFunction, resolveQueue, unresolvedMessage } from '../resolve';
import { num, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-SQS-03 queue visibility >= 6 x the timeout of its Lambda consumer — anchors: LambdaEventSourceSQSVisibilityTimeout (cdk-nag). */
// The mapping's function_name is usually the `live` alias ARN: it is followed through the alias (or version,
// or data-source lookup) to the function; a consumer or queue it cannot resolve is a warning, never a pass.
export const sqsVisibility = defineRule(
  {
    id: 'TAP-SQS-03',
    severity: 'error',
    description: 'visibility_timeout_seconds >= 6 x timeout of the Lambda (through its alias/version) consuming the queue via aws_lambda_event_source_mapping; an unresolved queue or function is a warning',
    anchors: ['LambdaEventSourceSQSVisibilityTimeout'],
  },
  (ctx, report) => {
    const app = ctx.app.stacks;
    for (const mapping of resources(ctx.stack.json, 'aws_lambda_event_source_mapping')) {
      const queue = resolveQueue(mapping.body.event_source_arn, ctx.stack, app);
      if (queue === undefined) continue; // not an SQS source
      if (queue.kind === 'unresolved') {
        report(mapping.address, unresolvedMessage('event_source_arn', queue, 'the queue\'s visibility timeout against its consumer'), 'warning');
        continue;
      }
      const fn = resolveFunction(mapping.body.function_name, ctx.stack, app);
      if (fn.kind === 'unresolved') {
        report(mapping.address, unresolvedMessage('function_name', fn, `${queue.resource.address}'s visibility timeout against the consumer's timeout`), 'warning');
        continue;
      }
      const visibility = num(queue.resource.body.visibility_timeout_seconds ?? 30);
      const timeout = num(fn.resource.body.timeout ?? 3);
      if (visibility === undefined || timeout === undefined) {
        report(mapping.address, `${queue.resource.address} visibility_timeout_seconds or ${fn.resource.address} timeout is not a literal number, so 6 x timeout is not checked. Fix: set both from config as numbers.`, 'warning');
        continue;
      }
      if (visibility < 6 * timeout) {
        const address = queue.stack === ctx.stackName ? queue.resource.address : mapping.address;
        report(address, `visibility_timeout_seconds ${visibility} < 6 x ${fn.resource.address} timeout ${timeout} s = ${6 * timeout} (consumer via ${fn.via.join(' → ')}): a message still being processed becomes visible again and is handled twice. Fix: visibility_timeout_seconds >= ${6 * timeout} (SecureQueue consumerTimeoutSeconds).`);
      }
    }
  },
);
