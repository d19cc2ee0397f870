import { resolveFunction, unresolvedMessage } from '../resolve';
import { resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-LAMBDA-07 function permissions name who may invoke, and from where — anchors: CKV_AWS_301, CKV_AWS_364, AVD-AWS-0067. */
export const lambdaPermissionScoped = defineRule(
  {
    id: 'TAP-LAMBDA-07',
    severity: 'error',
    description: 'aws_lambda_permission: principal is not "*"; a service principal (*.amazonaws.com) sets source_arn; function_name resolves to a function of the app (else a warning)',
    anchors: ['CKV_AWS_301', 'CKV_AWS_364', 'AVD-AWS-0067'],
  },
  (ctx, report) => {
    for (const p of resources(ctx.stack.json, 'aws_lambda_permission')) {
      const principal = typeof p.body.principal === 'string' ? p.body.principal : '';
      if (principal === '*') {
        report(p.address, 'principal "*": anyone with an AWS account can invoke the function. Fix: the service principal (apigateway.amazonaws.com, ...) with source_arn, or an account id.');
      } else if (principal.endsWith('.amazonaws.com') && (typeof p.body.source_arn !== 'string' || p.body.source_arn.trim() === '')) {
        report(p.address, `principal ${principal} without source_arn: any ${principal.split('.')[0]} resource in any account (another API, bucket or rule) can invoke the function. Fix: source_arn = the calling resource (for API Gateway "<execution_arn>/<stage>/<METHOD>/<path>").`);
      }
      const fn = resolveFunction(p.body.function_name, ctx.stack, ctx.app.stacks);
      if (fn.kind === 'unresolved') report(p.address, unresolvedMessage('function_name', fn, 'which function this permission opens'), 'warning');
    }
  },
);
