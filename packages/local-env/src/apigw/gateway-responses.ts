import type { StackResource as TfResource } from '@tap/synth';

/** One aws_api_gateway_gateway_response: the status and body API Gateway answers with instead of its default. */
export interface GatewayResponseModel {
  readonly type: string;
  readonly statusCode?: number;
  /** content type → template. */
  readonly templates: Readonly<Record<string, string>>;
  /** header name → value (the `gatewayresponse.header.` prefix and the quotes removed). */
  readonly headers: Readonly<Record<string, string>>;
}

/** The `$context` values a gateway response template can use here. */
export interface GatewayErrorContext {
  readonly message: string;
  readonly validationErrorString?: string;
  readonly requestId: string;
}

/** Reads a gateway response resource from the synthesized JSON (values already resolved by the caller). */
export function gatewayResponseOf(r: TfResource, templates: Record<string, string> | undefined, parameters: Record<string, string> | undefined): GatewayResponseModel {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(parameters ?? {})) {
    const name = /^gatewayresponse\.header\.(.+)$/.exec(k)?.[1];
    if (name) headers[name] = v.replace(/^'(.*)'$/, '$1');
  }
  return { type: String(r.config.response_type), statusCode: r.config.status_code === undefined ? undefined : Number(r.config.status_code), templates: templates ?? {}, headers };
}

/**
 * The answer API Gateway gives for one of its own errors: the API's gateway response of that type (or
 * its DEFAULT_4XX / DEFAULT_5XX) when one is declared, else the default `{"message": ...}`. Templates
 * get `$context.error.message`, `.messageString` (the message as a JSON string), `.responseType`,
 * `.validationErrorString` (JSON-escaped, so a template quotes it) and `$context.requestId`.
 */
export function renderGatewayError(
  responses: ReadonlyMap<string, GatewayResponseModel>,
  type: string,
  defaultStatus: number,
  context: GatewayErrorContext,
): { status: number; headers: Record<string, string>; body: string } | undefined {
  const declared = responses.get(type) ?? responses.get(defaultStatus < 500 ? 'DEFAULT_4XX' : 'DEFAULT_5XX');
  if (!declared) return undefined;
  const template = declared.templates['application/json'] ?? Object.values(declared.templates)[0];
  const escape = (s: string) => JSON.stringify(s).slice(1, -1);
  const body =
    template === undefined
      ? JSON.stringify({ message: context.message })
      : template
          .replace(/\$context\.error\.messageString/g, () => JSON.stringify(context.message))
          .replace(/\$context\.error\.validationErrorString/g, () => escape(context.validationErrorString ?? ''))
          .replace(/\$context\.error\.message/g, () => escape(context.message))
          .replace(/\$context\.error\.responseType/g, () => type)
          .replace(/\$context\.requestId/g, () => context.requestId);
  return { status: declared.statusCode ?? defaultStatus, headers: { 'content-type': 'application/json', ...declared.headers }, body };
}
