import { bool, refs, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-APIGW-06 what a method declares (models, required parameters) is validated by API Gateway — anchors: AS-APIG2, CKV2_AWS_53. */
export const apigwRequestValidation = defineRule(
  {
    id: 'TAP-APIGW-06',
    severity: 'error',
    description: 'A method with request_models has a request validator that validates the body; one with required request_parameters (other than its authorizer\'s identity source), a validator that validates parameters',
    anchors: ['AS-APIG2', 'CKV2_AWS_53'],
  },
  (ctx, report) => {
    const validators = resources(ctx.stack.json, 'aws_api_gateway_request_validator');
    const authorizers = resources(ctx.stack.json, 'aws_api_gateway_authorizer');
    for (const m of resources(ctx.stack.json, 'aws_api_gateway_method')) {
      const models = m.body.request_models && typeof m.body.request_models === 'object' ? Object.keys(m.body.request_models) : [];
      // A header that is the identity source of the method's authorizer is enforced by the authorizer: API
      // Gateway answers 401 without calling it when the header is missing, so no validator is needed for it.
      const authorizerRef = refs(m.body.authorizer_id).find((r) => r.type === 'aws_api_gateway_authorizer');
      const identity = authorizerRef ? String(authorizers.find((a) => a.name === authorizerRef.name)?.body.identity_source ?? '').split(',').map((x) => x.trim()) : [];
      const params = m.body.request_parameters && typeof m.body.request_parameters === 'object'
        ? Object.entries(m.body.request_parameters as Record<string, unknown>).filter(([name, required]) => bool(required) === true && !identity.includes(name))
        : [];
      if (models.length === 0 && params.length === 0) continue;
      const ref = refs(m.body.request_validator_id).find((r) => r.type === 'aws_api_gateway_request_validator');
      const validator = ref ? validators.find((v) => v.name === ref.name) : undefined;
      const declared = [...(models.length ? [`request_models (${models.join(', ')})`] : []), ...(params.length ? [`required request_parameters (${params.map(([k]) => k).join(', ')})`] : [])].join(' and ');
      if (!validator) {
        report(m.address, `declares ${declared} but has no request_validator_id of a validator in the stack: API Gateway passes any request through and the function sees what the model was meant to reject. Fix: request_validator_id = an aws_api_gateway_request_validator with validate_request_body / validate_request_parameters = true.`);
        continue;
      }
      if (models.length && bool(validator.body.validate_request_body) !== true) report(m.address, `declares request_models but ${validator.address} does not validate the body. Fix: validate_request_body = true.`);
      if (params.length && bool(validator.body.validate_request_parameters) !== true) report(m.address, `declares required request_parameters but ${validator.address} does not validate parameters. Fix: validate_request_parameters = true.`);
    }
  },
);
