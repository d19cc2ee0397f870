import { block, bool, refersTo, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-APIGW-07 a response cache, where one is on, is encrypted — anchors: CKV_AWS_308, AVD-AWS-0002. */
export const apigwCacheEncryption = defineRule(
  {
    id: 'TAP-APIGW-07',
    severity: 'error',
    description: 'Method settings with caching_enabled set cache_data_encrypted = true; a stage with cache_cluster_enabled has "*/*" method settings that encrypt the cache',
    anchors: ['CKV_AWS_308', 'AVD-AWS-0002'],
  },
  (ctx, report) => {
    const settings = resources(ctx.stack.json, 'aws_api_gateway_method_settings');
    for (const s of settings) {
      const st = block(s.body.settings);
      if (bool(st?.caching_enabled) === true && bool(st?.cache_data_encrypted) !== true) {
        report(s.address, `caching_enabled on ${String(s.body.method_path)} without cache_data_encrypted: cached responses (payment and item data) sit unencrypted in the stage cache. Fix: settings.cache_data_encrypted = true.`);
      }
    }
    for (const stage of resources(ctx.stack.json, 'aws_api_gateway_stage')) {
      if (bool(stage.body.cache_cluster_enabled) !== true) continue;
      const encrypted = settings.some((s) => s.body.method_path === '*/*' && refersTo(s.body.stage_name, 'aws_api_gateway_stage', stage.name) && bool(block(s.body.settings)?.cache_data_encrypted) === true);
      if (!encrypted) report(stage.address, 'cache_cluster_enabled without "*/*" method settings that set cache_data_encrypted = true: the stage cache holds responses in plain text. Fix: encrypt the cache in the stage\'s "*/*" method settings.');
    }
  },
);
