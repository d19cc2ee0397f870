import { resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-LAMBDA-08 memory size chosen, not defaulted — anchors: SL-LambdaDefaultMemorySize. */
export const lambdaMemory = defineRule(
  {
    id: 'TAP-LAMBDA-08',
    severity: 'error',
    description: 'aws_lambda_function sets memory_size explicitly (the 128 MB default also means the smallest CPU share)',
    anchors: ['SL-LambdaDefaultMemorySize'],
  },
  (ctx, report) => {
    for (const fn of resources(ctx.stack.json, 'aws_lambda_function')) {
      if (fn.body.memory_size === undefined) {
        report(fn.address, 'no memory_size: the 128 MB default also gets the smallest CPU share, so cold starts and TLS handshakes are slow and timeouts fire under load. Fix: set memory_size (NodejsFunction memorySize; this repo uses 256).');
      }
    }
  },
);
