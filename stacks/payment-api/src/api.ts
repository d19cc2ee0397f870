import type { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { apiWaf, clientGrantPolicy, restrictApiToCallers, RestApiFront, type BaseStack, type GatewayResponseSpec, type GrantedRoute } from '@tap/constructs';
import { CREATE_PAYMENT_SCHEMA } from '@tap/lambda-payment-api';
import type { PaymentFunctions } from './functions';

/** Model names are scoped to the API (which carries the suffix) and must be alphanumeric. */
const MODEL_NAME = 'CreatePayment';
const VALIDATOR = { validateRequestBody: true, validateRequestParameters: true } as const;
const GATEWAY_RESPONSES: readonly GatewayResponseSpec[] = [
  {
    id: 'bad-body',
    type: 'BAD_REQUEST_BODY',
    status: '400',
    // validationErrorString is API Gateway's list of what broke the model: missing and not-allowed
    // properties by name, and the rule each bad value broke. It comes escaped for a JSON string, so it is
    // quoted here. The handler names the same fields from the same schema (lambdas/payment-api/src/schema/).
    template: '{"error":$context.error.messageString,"fields":{"body":"$context.error.validationErrorString"}}',
  },
  {
    // The only required parameter a client can omit is the POST header (a GET without an id does not route).
    id: 'bad-parameters',
    type: 'BAD_REQUEST_PARAMETERS',
    status: '400',
    template: '{"error":$context.error.messageString,"fields":{"Idempotency-Key":"is required"}}',
  },
];

/** The routes a payment client is granted (SigV4-signed, `AWS_IAM`); OPTIONS stays open for CORS preflights. */
export const PAYMENT_ROUTES: readonly GrantedRoute[] = [
  { method: 'POST', path: '/payments' },
  { method: 'GET', path: '/payments/{id}' },
];

export interface PaymentApi {
  readonly front: RestApiFront;
  readonly stage: ApiGatewayStage;
  /** The identity policy that grants a client exactly the payment routes (an output). */
  readonly clientPolicy: string;
}

/**
 * The REST API: POST /payments validated at the edge by a request validator (body +
 * parameters) against a JSON-schema model and a required `Idempotency-Key` header
 * (PAY-08); GET /payments/{id}; OPTIONS on both answered by the functions with the config's origins
 * (never `*`, PAY-05). API and stage Name tag `payment-api-<suffix>` (PAY-02).
 */
export function paymentApi(stack: BaseStack, kmsKeyArn: string, fns: PaymentFunctions): PaymentApi {
  const front = new RestApiFront(stack, 'api', { name: 'payment-api', description: `Payment API (${stack.config.suffix})`, logKeyArn: kmsKeyArn });
  // One source for the body contract: the handler validates with this schema compiled ahead of time (lambdas/payment-api/src/schema/).
  // Model, validator and gateway responses are part of what the deployment snapshots: changing them redeploys.
  const model = front.addModel('create-payment-model', { name: MODEL_NAME, schema: CREATE_PAYMENT_SCHEMA });
  const validator = front.addRequestValidator('validator', { name: 'payment-api-body-params', ...VALIDATOR });
  // The gateway's own 400s answer in the repo's error shape (`error` + `fields`), not API Gateway's `message`.
  front.addGatewayResponses(GATEWAY_RESPONSES);

  front.route({
    path: '/payments',
    method: 'POST',
    fn: fns.create,
    // Only signed callers the resource policy names (docs/decisions/003-api-authentication.md).
    authorization: 'AWS_IAM',
    requestValidatorId: validator.id,
    requestModels: { 'application/json': model.name },
    requestParameters: { 'method.request.header.Idempotency-Key': true },
  });
  front.route({
    path: '/payments/{id}',
    method: 'GET',
    fn: fns.status,
    authorization: 'AWS_IAM',
    requestValidatorId: validator.id,
    requestParameters: { 'method.request.path.id': true },
  });
  // CORS preflights go to the functions, which echo only the configured origins. A browser never signs
  // a preflight, so OPTIONS is the one method without IAM (and the only one the resource policy opens).
  front.route({ path: '/payments', method: 'OPTIONS', fn: fns.create });
  front.route({ path: '/payments/{id}', method: 'OPTIONS', fn: fns.status });
  restrictApiToCallers(stack, front, { corsPreflight: true });

  const stage = front.deploy();
  apiWaf(stack, 'payment-api', stage);
  return { front, stage, clientPolicy: clientGrantPolicy(front, PAYMENT_ROUTES) };
}
