import { bool, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-APIGW-03 API stage has X-Ray tracing — anchors: SL-APIGWXrayEnabled, CKV_AWS_73, AVD-AWS-0003. */
export const apigwXray = defineRule(
  {
    id: 'TAP-APIGW-03',
    severity: 'error',
    description: 'aws_api_gateway_stage sets xray_tracing_enabled = true',
    anchors: ['SL-APIGWXrayEnabled', 'CKV_AWS_73', 'AVD-AWS-0003'],
  },
  (ctx, report) => {
    for (const r of resources(ctx.stack.json, 'aws_api_gateway_stage')) {
      if (bool(r.body.xray_tracing_enabled) !== true) {
        report(r.address, 'stage without X-Ray tracing: requests cannot be followed into the Lambda traces. Fix: xray_tracing_enabled = true.');
      }
    }
  },
);
