import { block, bool, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-APIGW-08 a deployment is replaced without an outage — anchors: CKV_AWS_217. */
export const apigwDeploymentLifecycle = defineRule(
  {
    id: 'TAP-APIGW-08',
    severity: 'error',
    description: 'aws_api_gateway_deployment sets lifecycle.create_before_destroy = true',
    anchors: ['CKV_AWS_217'],
  },
  (ctx, report) => {
    for (const d of resources(ctx.stack.json, 'aws_api_gateway_deployment')) {
      if (bool(block(d.body.lifecycle)?.create_before_destroy) !== true) {
        report(d.address, 'deployment without lifecycle.create_before_destroy: a route change destroys the deployment the stage points at first, and the apply fails ("Active stages pointing to this deployment must be moved or deleted") or the API is down until the new one exists. Fix: lifecycle { create_before_destroy = true } (RestApiFront does).');
      }
    }
  },
);
