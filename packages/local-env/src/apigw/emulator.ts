import { generatedSecret, shortId } from '../attributes';
import type { Emulator, EmulatedType } from '../emulator';
import { listenOn } from '../listen';
import type { StackResource as TfResource } from '@tap/synth';
import { buildApiModel } from './model';
import { ApiFront } from './server';

const idOnly = (type: string): EmulatedType<{ id: string }> => ({ type, attributes: (r) => ({ id: shortId(r) }) });

export interface RestApiAttributes {
  readonly id: string;
  readonly root_resource_id: string;
  readonly name: string;
  readonly execution_arn: string;
  readonly arn: string;
}

export const restApi: EmulatedType<RestApiAttributes> = {
  type: 'aws_api_gateway_rest_api',
  attributes: (r, at, text) => {
    const id = shortId(r);
    return { id, root_resource_id: `${id}-root`, name: text(r.config.name), execution_arn: `arn:aws:execute-api:${at.region}:${at.accountId}:${id}`, arn: `arn:aws:apigateway:${at.region}::/restapis/${id}` };
  },
};

/** A stage's invoke URL carries its API front's port: unknown (undefined) until that front listens. */
export const stage: EmulatedType = {
  type: 'aws_api_gateway_stage',
  attributes: (r, at, text) => {
    const api = text(r.config.rest_api_id);
    const name = text(r.config.stage_name);
    const port = [...at.apiPorts.entries()].find(([key]) => key === apiKeyOf(r, r.config.rest_api_id))?.[1];
    if (port === undefined) return undefined;
    return { id: `ags-${api}-${name}`, stage_name: name, invoke_url: `http://127.0.0.1:${port}/${name}`, execution_arn: `arn:aws:execute-api:${at.region}:${at.accountId}:${api}/${name}`, arn: `arn:aws:apigateway:${at.region}::/restapis/${api}/stages/${name}` };
  },
};

export const apiKey: EmulatedType = {
  type: 'aws_api_gateway_api_key',
  attributes: (r, at, text) => {
    const id = shortId(r);
    const value = r.config.value === undefined ? generatedSecret(`${r.stack}|${r.name}`, 40) : text(r.config.value);
    return { id, value, name: text(r.config.name), arn: `arn:aws:apigateway:${at.region}::/apikeys/${id}` };
  },
};

export const usagePlan: EmulatedType = {
  type: 'aws_api_gateway_usage_plan',
  attributes: (r, at, text) => ({ id: shortId(r), name: text(r.config.name), arn: `arn:aws:apigateway:${at.region}::/usageplans/${shortId(r)}` }),
};

export const model: EmulatedType = { type: 'aws_api_gateway_model', attributes: (r, _at, text) => ({ id: shortId(r), name: text(r.config.name) }) };
export const method: EmulatedType = { type: 'aws_api_gateway_method', attributes: (r, _at, text) => ({ id: shortId(r), http_method: text(r.config.http_method) }) };

/** `<stack>|<name>` of the rest API a `${aws_api_gateway_rest_api.X.id}` token names. */
export function apiKeyOf(r: TfResource, restApiId: unknown): string | undefined {
  const m = typeof restApiId === 'string' ? /^\$\{aws_api_gateway_rest_api\.([\w-]+)\.id\}$/.exec(restApiId) : null;
  return m ? `${r.stack}|${m[1]}` : undefined;
}

/** API Gateway: one HTTP front per REST API (server.ts) serving the model read from the synth (model.ts). */
export const apigw: Emulator = {
  service: 'API Gateway',
  types: [
    restApi,
    idOnly('aws_api_gateway_resource'),
    method,
    idOnly('aws_api_gateway_integration'),
    idOnly('aws_api_gateway_integration_response'),
    idOnly('aws_api_gateway_method_response'),
    idOnly('aws_api_gateway_deployment'),
    stage,
    idOnly('aws_api_gateway_authorizer'),
    idOnly('aws_api_gateway_request_validator'),
    model,
    idOnly('aws_api_gateway_method_settings'),
    apiKey,
    usagePlan,
    idOnly('aws_api_gateway_usage_plan_key'),
  ],
  doc: {
    declared: '`aws_api_gateway_*`',
    locally:
      "one HTTP front per REST API, in API Gateway's order and with its answers: unknown route/method 403 `Missing Authentication Token`; stage throttling from `aws_api_gateway_method_settings` (token bucket per method) 429 `Too Many Requests`; `AWS_IAM` methods: SigV4 verified with `@smithy/signature-v4` against the local API clients printed at start-up (client-a and client-b hold the stacks' `*ClientPolicy` outputs, `ungranted` holds nothing, `outsider` is another account), then the `aws_api_gateway_rest_api_policy` and the caller's identity policy evaluated with `@cloud-copilot/iam-simulate`, with API Gateway's 403 bodies (`Missing Authentication Token`, signature mismatch, `Signature expired`, `User: ... is not authorized to perform: execute-api:Invoke ...`) and the caller in `requestContext.identity`; TOKEN/REQUEST authorizers (401 without the identity source or when `identity_validation_expression` does not match, 403 on Deny, policy cached for `authorizer_result_ttl_in_seconds`); `api_key_required` with usage plans and keys (403 `Forbidden`; plan throttle 429, quota 429 `Limit Exceeded`); bodies over API Gateway's 10 MB payload limit 413 `Request Too Long` before routing; request validators with the JSON-schema models (400, through the API's `BAD_REQUEST_BODY` / `BAD_REQUEST_PARAMETERS` gateway responses when it declares them, with `$context.error.validationErrorString` naming the failing property); Lambda proxy integration (event v1), 502 `Internal server error` when the handler throws or returns a malformed result, 504 past `timeout_milliseconds`; 500 when the function's resource policy (its `aws_lambda_permission`s, decided by the access simulator for that request's source ARN) does not let API Gateway invoke the function or authorizer, or the function is throttled; MOCK integrations",
  },
  start: async (c) => {
    const apis = c.all('aws_api_gateway_rest_api');
    for (const api of apis) {
      // API Gateway → Lambda is decided by the same simulator as every other call (enforcement off: not checked).
      const permitted = c.enforcer ? c.enforcer.invocation.bind(c.enforcer) : undefined;
      const front = new ApiFront({ region: c.region, accountId: c.accountId, invoke: c.state.invoke, permitted, timeoutScale: c.options.timeoutScale, onLog: (l) => c.log(`[api] ${l}`) });
      await listenOn(`API of stack ${api.stack}`, c.options.ports?.api?.(api.stack, api.name), (p) => front.listen(p));
      c.onStop(() => front.stop());
      c.state.fronts.set(`${api.stack}|${api.name}`, front);
    }
    return (p) => {
      for (const api of apis) {
        const built = buildApiModel(p.stacks, api, p.resolver);
        p.state.fronts.get(`${api.stack}|${api.name}`)?.setModel(built);
        p.state.notEmulated.push(...built.notEmulated.map((n) => `API ${built.name}: ${n}`));
      }
    };
  },
};
