import type { NodejsFunction } from '../nodejs-function';

/** A JSON-schema request model (RestApiFront.addModel). */
export interface ModelSpec {
  /** Model name: alphanumeric, scoped to the API (which already carries the suffix). */
  readonly name: string;
  /** The JSON schema (draft 4, what API Gateway validates with). */
  readonly schema: unknown;
  /** @default 'application/json' */
  readonly contentType?: string;
}

/** A request validator (RestApiFront.addRequestValidator). */
export interface RequestValidatorSpec {
  /** Base name; the validator is `<name>-<suffix>`. */
  readonly name: string;
  readonly validateRequestBody: boolean;
  readonly validateRequestParameters: boolean;
}

/** One of API Gateway's own responses, answered in the repo's error shape (RestApiFront.addGatewayResponses). */
export interface GatewayResponseSpec {
  /** Construct id in the stack (the Terraform address). */
  readonly id: string;
  /** Response type, e.g. `BAD_REQUEST_BODY`, `AUTHORIZER_FAILURE`. */
  readonly type: string;
  /** HTTP status, e.g. `'400'`. */
  readonly status: string;
  /** `application/json` response template. */
  readonly template: string;
  /** Response headers, e.g. `{ 'gatewayresponse.header.Retry-After': "'1'" }`. @default none */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A TOKEN authorizer (RestApiFront.addTokenAuthorizer). */
export interface TokenAuthorizerSpec {
  /** Base name; the authorizer is `<name>-<suffix>`. */
  readonly name: string;
  /** The authorizer function (its live alias is invoked). */
  readonly fn: NodejsFunction;
  /** Where the token is read, e.g. `method.request.header.Authorization`. */
  readonly identitySource: string;
  /** Tokens not matching it are answered 401 without invoking the function. @default none (every token reaches the function) */
  readonly validationExpression?: string;
  /** How long a decision is cached per token, seconds. */
  readonly ttlSeconds: number;
  /** Construct id in the stack of the function's invoke permission (the Terraform address). */
  readonly permissionId: string;
}
