import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { MethodModel } from './model';

/** Most schema errors listed in one validationErrorString (a body with 10,000 unknown keys gets a short answer). */
const MAX_LISTED = 10;

/** A request the method's validator refuses: which gateway response answers it, and its `$context.error` values. */
export interface ValidationFailure {
  readonly type: 'BAD_REQUEST_PARAMETERS' | 'BAD_REQUEST_BODY';
  /** `$context.error.message`. */
  readonly message: string;
  /** `$context.error.validationErrorString`: what failed, naming the property. */
  readonly validationErrorString: string;
}

/**
 * API Gateway's request validator for one method: required parameters (present and not blank), then the
 * body against the content type's model. Models are compiled once per schema object; API Gateway models
 * are draft-04, which ajv reads once the draft URI is dropped (the keywords used here mean the same).
 * ajv is loaded and set up on the first body to validate, not at start-up (one front per API).
 */
export class RequestValidator {
  private ajv?: Ajv;
  private readonly compiled = new Map<Readonly<Record<string, unknown>>, ValidateFunction>();

  validate(method: MethodModel, headers: Record<string, string>, query: Record<string, string>, body: Buffer): ValidationFailure | undefined {
    if (method.validateParameters) {
      const missing: string[] = [];
      const lowered = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
      for (const [param, required] of Object.entries(method.requestParameters)) {
        if (!required) continue;
        const [, , where, name] = param.split('.');
        const present = where === 'querystring' ? query[name] !== undefined : where === 'header' ? lowered[name.toLowerCase()] !== undefined : true;
        if (!present) missing.push(name);
      }
      if (missing.length > 0) return { type: 'BAD_REQUEST_PARAMETERS', message: `Missing required request parameters: [${missing.join(', ')}]`, validationErrorString: `Missing required request parameters: [${missing.join(', ')}]` };
    }
    if (method.validateBody && Object.keys(method.requestModels).length > 0) {
      const contentType = (Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? 'application/json').split(';')[0].trim();
      const schema = method.requestModels[contentType] ?? method.requestModels['application/json'] ?? Object.values(method.requestModels)[0];
      return this.validateBody(schema, body);
    }
    return undefined;
  }

  /** A body against one model schema (the part the handler's compiled copy of the schema must agree with). */
  validateBody(schema: Readonly<Record<string, unknown>>, body: Buffer): ValidationFailure | undefined {
    let parsed: unknown;
    try {
      // Bytes that are not UTF-8 become U+FFFD here, as text; the integration still gets the exact bytes.
      parsed = JSON.parse(body.toString('utf8') || 'null');
    } catch {
      return { type: 'BAD_REQUEST_BODY', message: 'Invalid request body', validationErrorString: '[the body is not valid JSON]' };
    }
    let validate = this.compiled.get(schema);
    if (!validate) {
      const { $schema: _draft, ...rest } = schema;
      this.ajv ??= new (require('ajv') as typeof import('ajv')).default({ strict: false, allErrors: true });
      validate = this.ajv.compile(rest);
      this.compiled.set(schema, validate);
    }
    if (validate(parsed)) return undefined;
    return { type: 'BAD_REQUEST_BODY', message: 'Invalid request body', validationErrorString: `[${(validate.errors ?? []).slice(0, MAX_LISTED).map(describe).join(', ')}]` };
  }
}

/** One schema error in words that name the property (a JSON pointer for nested ones). */
function describe(e: ErrorObject): string {
  if (e.keyword === 'required') return `object has missing required properties (["${String((e.params as { missingProperty: string }).missingProperty)}"])`;
  if (e.keyword === 'additionalProperties') return `object instance has properties which are not allowed by the schema: ["${String((e.params as { additionalProperty: string }).additionalProperty)}"]`;
  return `${e.instancePath === '' ? 'the body' : `"${e.instancePath.slice(1)}"`} ${e.message ?? 'is not valid'}`;
}
