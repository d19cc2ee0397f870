import { resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-AUTH-02 An API key is never the only protection of a method — anchors: AS-APIG4, CKV_AWS_59, CKV2_AWS_70. */
// AWS documents API keys as a metering device for usage plans, not as authorization.
export const authApiKeyOnly = defineRule(
  {
    id: 'TAP-AUTH-02',
    severity: 'error',
    description: 'a method with api_key_required = true also has an authorization (AWS_IAM, CUSTOM or COGNITO_USER_POOLS)',
    anchors: ['AS-APIG4', 'CKV_AWS_59', 'CKV2_AWS_70'],
  },
  (ctx, report) => {
    for (const m of resources(ctx.stack.json, 'aws_api_gateway_method')) {
      if (m.body.api_key_required !== true) continue;
      if (String(m.body.authorization ?? 'NONE').toUpperCase() === 'NONE') {
        report(m.address, 'an API key is the only protection: keys travel in clear headers, are shared and are not authorization (they meter usage plans). Fix: authorization = "AWS_IAM" (or an authorizer) and keep the key for throttling and quota.');
      }
    }
  },
);
