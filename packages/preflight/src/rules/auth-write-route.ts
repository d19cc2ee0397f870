import { resources, type StackJson } from '@tap/synth';
import { defineRule } from './define';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'ANY']);

/** Address-free id of each REST API whose endpoint type is PRIVATE (reachable only through a VPC endpoint). */
export function privateApis(json: StackJson): Set<string> {
  const out = new Set<string>();
  for (const api of resources(json, 'aws_api_gateway_rest_api')) {
    const types = (api.body.endpoint_configuration as { types?: string[] } | undefined)?.types ?? [];
    if (types.includes('PRIVATE')) out.add(`\${aws_api_gateway_rest_api.${api.name}.id}`);
  }
  return out;
}

/** TAP-AUTH-01 A public write route has an authorization — anchors: AS-APIG4, CKV_AWS_59, CKV2_AWS_70, AVD-AWS-0004. */
export const authWriteRoute = defineRule(
  {
    id: 'TAP-AUTH-01',
    severity: 'error',
    description: 'a write method (POST, PUT, PATCH, DELETE, ANY) of a public REST API has authorization other than NONE',
    anchors: ['AS-APIG4', 'CKV_AWS_59', 'CKV2_AWS_70', 'AVD-AWS-0004'],
  },
  (ctx, report) => {
    const hidden = privateApis(ctx.stack.json);
    for (const m of resources(ctx.stack.json, 'aws_api_gateway_method')) {
      const method = String(m.body.http_method ?? '').toUpperCase();
      if (!WRITES.has(method) || hidden.has(String(m.body.rest_api_id))) continue;
      if (String(m.body.authorization ?? 'NONE').toUpperCase() === 'NONE') {
        report(m.address, `${method} with authorization NONE: anyone on the internet can call it and change data. Fix: authorization = "AWS_IAM" (SigV4, with a resource policy naming the callers), or a CUSTOM / COGNITO_USER_POOLS authorizer.`);
      }
    }
  },
);
