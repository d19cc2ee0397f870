import { block, bool, refersTo, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-APIGW-05 execution logging and metrics on every method, without request/response bodies — anchors: AS-APIG6, CKV2_AWS_4, CKV_AWS_276. */
export const apigwExecutionLogging = defineRule(
  {
    id: 'TAP-APIGW-05',
    severity: 'error',
    description: 'Every stage has "*/*" method settings with logging_level INFO or ERROR and metrics_enabled = true; no method settings turn on data_trace_enabled',
    anchors: ['AS-APIG6', 'CKV2_AWS_4', 'CKV_AWS_276'],
  },
  (ctx, report) => {
    const json = ctx.stack.json;
    const settings = resources(json, 'aws_api_gateway_method_settings');
    for (const s of settings) {
      if (bool(block(s.body.settings)?.data_trace_enabled) === true) {
        report(s.address, 'data_trace_enabled = true logs full request and response bodies (payment data, tokens) into CloudWatch. Fix: data_trace_enabled = false; use access logs and X-Ray to debug.');
      }
    }
    for (const stage of resources(json, 'aws_api_gateway_stage')) {
      const all = settings.find((s) => s.body.method_path === '*/*' && (refersTo(s.body.stage_name, 'aws_api_gateway_stage', stage.name) || s.body.stage_name === stage.body.stage_name));
      const st = all ? block(all.body.settings) : undefined;
      const level = st?.logging_level;
      if (!st || (level !== 'INFO' && level !== 'ERROR') || bool(st.metrics_enabled) !== true) {
        report(stage.address, `no "*/*" method settings with logging_level INFO/ERROR and metrics_enabled (found logging_level ${String(level ?? 'unset')}, metrics_enabled ${String(st?.metrics_enabled ?? 'unset')}): 5XX from the integration leave no execution log and no per-method metric. Fix: aws_api_gateway_method_settings { method_path = "*/*", settings { logging_level = "INFO", metrics_enabled = true, data_trace_enabled = false } }.`);
      }
    }
  },
);
