import { hasToken, resources } from '@tap/synth';
import { defineRule } from './define';

/** Methods the API Gateway provider accepts (`expected http_method to be one of [...]`). */
export const HTTP_METHODS = ['ANY', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];

/** TAP-APIGW-01 API Gateway methods use a valid HTTP method, never `*` — no public anchor (REST-02 `httpMethod: '*'` for throttling). */
export const apigwMethodValid = defineRule(
  {
    id: 'TAP-APIGW-01',
    severity: 'error',
    description: `API Gateway method/integration http_method is one of ${HTTP_METHODS.join(', ')}`,
    anchors: [],
  },
  (ctx, report) => {
    for (const r of resources(ctx.stack.json, 'aws_api_gateway_method', 'aws_api_gateway_integration', 'aws_api_gateway_method_response', 'aws_api_gateway_integration_response')) {
      for (const attr of ['http_method', 'integration_http_method']) {
        const value = r.body[attr];
        if (typeof value !== 'string' || hasToken(value) || HTTP_METHODS.includes(value)) continue;
        const fix = value === '*'
          ? 'Fix: a method is not where throttling goes; set it on aws_api_gateway_method_settings with method_path "*/*" (throttling_rate_limit/burst_limit) or on a usage plan, and use ANY for a catch-all route.'
          : `Fix: use one of ${HTTP_METHODS.join(', ')}.`;
        report(r.address, `${attr} "${value}" is not an HTTP method; terraform validate fails with "expected http_method to be one of [...], got ${value}". ${fix}`);
      }
    }
  },
);
