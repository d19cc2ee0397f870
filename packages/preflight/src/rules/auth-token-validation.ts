import { resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-AUTH-04 A TOKEN authorizer has an identity validation expression — no public anchor. */
// With one, API Gateway refuses a malformed token with 401 before the function runs.
export const authTokenValidation = defineRule(
  {
    id: 'TAP-AUTH-04',
    severity: 'error',
    description: 'a TOKEN aws_api_gateway_authorizer sets identity_validation_expression',
    anchors: [],
  },
  (ctx, report) => {
    for (const a of resources(ctx.stack.json, 'aws_api_gateway_authorizer')) {
      if (String(a.body.type ?? 'TOKEN').toUpperCase() !== 'TOKEN') continue;
      const expr = a.body.identity_validation_expression;
      if (typeof expr !== 'string' || expr.trim() === '') {
        report(a.address, 'TOKEN authorizer without identity_validation_expression: every junk token costs an authorizer invocation (and a cached Deny). Fix: set identity_validation_expression to the token format, e.g. ^[A-Za-z0-9]{48}$.');
      }
    }
  },
);
