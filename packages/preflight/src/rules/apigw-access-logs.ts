import { block, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-APIGW-02 API stage writes access logs — anchors: AS-APIG1, SL-APIGWAccessLogging, CKV_AWS_76, AVD-AWS-0001. */
export const apigwAccessLogs = defineRule(
  {
    id: 'TAP-APIGW-02',
    severity: 'error',
    description: 'aws_api_gateway_stage has access_log_settings (destination_arn and format)',
    anchors: ['AS-APIG1', 'SL-APIGWAccessLogging', 'CKV_AWS_76', 'AVD-AWS-0001'],
  },
  (ctx, report) => {
    for (const r of resources(ctx.stack.json, 'aws_api_gateway_stage')) {
      const settings = block(r.body.access_log_settings);
      if (!settings || !settings.destination_arn || !settings.format) {
        report(r.address, 'stage without access logs: no record of who called what. Fix: set access_log_settings { destination_arn = <stack-owned log group ARN>, format = <JSON format> } (RestApiFront.deploy() does this).');
      }
    }
  },
);
