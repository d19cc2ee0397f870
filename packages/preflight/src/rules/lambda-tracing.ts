import { block, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-LAMBDA-03 Lambda X-Ray tracing Active — anchors: SL-LambdaTracing, CKV_AWS_50, AVD-AWS-0066. */
export const lambdaTracing = defineRule(
  {
    id: 'TAP-LAMBDA-03',
    severity: 'error',
    description: 'Lambda tracing_config.mode = Active',
    anchors: ['SL-LambdaTracing', 'CKV_AWS_50', 'AVD-AWS-0066'],
  },
  (ctx, report) => {
    for (const r of resources(ctx.stack.json, 'aws_lambda_function')) {
      if (block(r.body.tracing_config)?.mode !== 'Active') {
        report(r.address, 'X-Ray tracing is not Active: failures cannot be traced across API Gateway, Lambda and downstream calls. Fix: tracing_config { mode = "Active" } (and allow xray:PutTraceSegments/PutTelemetryRecords).');
      }
    }
  },
);
