import { resolveFunction } from '../resolve';
import { blocks, resources, type TfResource } from '@tap/synth';
import { defineRule } from './define';

/** Service principals that invoke a function asynchronously (the event is queued by Lambda and retried). */
export const ASYNC_PRINCIPALS = ['events.amazonaws.com', 'sns.amazonaws.com', 's3.amazonaws.com', 'logs.amazonaws.com', 'ses.amazonaws.com', 'iot.amazonaws.com', 'scheduler.amazonaws.com', 'config.amazonaws.com', 'cloudformation.amazonaws.com'];

/** TAP-LAMBDA-09 a function invoked asynchronously keeps the events it fails on — anchors: SL-LambdaDLQ, SL-LambdaAsyncFailureDestination, CKV_AWS_116. */
export const lambdaAsyncFailure = defineRule(
  {
    id: 'TAP-LAMBDA-09',
    severity: 'error',
    description: 'A function invoked asynchronously (permission for events/sns/s3/... or an SNS lambda subscription) has dead_letter_config or an event invoke config with destination_config.on_failure',
    anchors: ['SL-LambdaDLQ', 'SL-LambdaAsyncFailureDestination', 'CKV_AWS_116'],
  },
  (ctx, report) => {
    const app = ctx.app.stacks;
    const asyncCallers = new Map<string, { fn: TfResource; via: string }>();
    const note = (value: unknown, via: string): void => {
      const fn = resolveFunction(value, ctx.stack, app);
      if (fn.kind === 'resolved' && fn.stack === ctx.stackName && !asyncCallers.has(fn.resource.address)) asyncCallers.set(fn.resource.address, { fn: fn.resource, via });
    };
    for (const p of resources(ctx.stack.json, 'aws_lambda_permission')) {
      if (typeof p.body.principal === 'string' && ASYNC_PRINCIPALS.includes(p.body.principal)) note(p.body.function_name, `${p.address} (${p.body.principal})`);
    }
    for (const s of resources(ctx.stack.json, 'aws_sns_topic_subscription')) if (s.body.protocol === 'lambda') note(s.body.endpoint, s.address);
    const configs = resources(ctx.stack.json, 'aws_lambda_function_event_invoke_config');
    for (const { fn, via } of asyncCallers.values()) {
      if (blocks(fn.body.dead_letter_config).some((d) => d.target_arn !== undefined)) continue;
      const onFailure = configs.some((c) => {
        const target = resolveFunction(c.body.function_name, ctx.stack, app);
        const dest = blocks(blocks(c.body.destination_config)[0]?.on_failure)[0];
        return target.kind === 'resolved' && target.resource.address === fn.address && typeof dest?.destination === 'string' && dest.destination !== '';
      });
      if (!onFailure) {
        report(fn.address, `invoked asynchronously by ${via} but has no dead_letter_config and no aws_lambda_function_event_invoke_config on_failure destination: after Lambda's two retries the event is dropped without a trace. Fix: an event invoke config with destination_config.on_failure to an SQS queue (encrypted, alarmed), or dead_letter_config.`);
      }
    }
  },
);
