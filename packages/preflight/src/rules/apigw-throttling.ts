import { block, refersTo, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-APIGW-04 API stage throttled through method settings covering every method and path, never a stage throttle_settings block — anchors: SL-APIGWDefaultThrottling (PIPE-06, REST-02). */
export const apigwThrottling = defineRule(
  {
    id: 'TAP-APIGW-04',
    severity: 'error',
    description: 'Every stage has aws_api_gateway_method_settings with method_path "*/*" and throttling set; no throttle_settings on the stage',
    anchors: ['SL-APIGWDefaultThrottling'],
  },
  (ctx, report) => {
    const json = ctx.stack.json;
    const settings = resources(json, 'aws_api_gateway_method_settings');
    for (const stage of resources(json, 'aws_api_gateway_stage')) {
      if (stage.body.throttle_settings !== undefined) {
        report(stage.address, 'aws_api_gateway_stage has no throttle_settings block; terraform validate fails with "Unsupported block type" (docs/failures.md PIPE-06). Fix: move the limits to aws_api_gateway_method_settings { method_path = "*/*", settings { throttling_rate_limit, throttling_burst_limit } }.');
      }
      const forStage = settings.filter(
        (s) =>
          refersTo(s.body.stage_name, 'aws_api_gateway_stage', stage.name) ||
          (s.body.stage_name === stage.body.stage_name && s.body.rest_api_id === stage.body.rest_api_id),
      );
      const throttled = forStage.some((s) => {
        const st = block(s.body.settings);
        return s.body.method_path === '*/*' && st !== undefined && st.throttling_rate_limit !== undefined && st.throttling_burst_limit !== undefined;
      });
      if (!throttled) {
        report(stage.address, 'stage without default throttling: one client can exhaust the account\'s API Gateway and Lambda capacity. Fix: aws_api_gateway_method_settings for this stage with method_path "*/*" and settings.throttling_rate_limit / throttling_burst_limit from config.');
      }
    }
  },
);
