import { createHash, randomBytes } from 'node:crypto';
import type { StackResource as TfResource } from '@tap/synth';

/** Where the emulated resources live, so their URLs and ARNs can be computed. */
export interface Placement {
  readonly region: string;
  readonly accountId: string;
  /** Port of the AWS endpoint (SQS queue URLs carry it). */
  readonly awsPort: number;
  /** Port of each REST API's front, by `<stack>|<resource name>`. */
  readonly apiPorts: ReadonlyMap<string, number>;
}

/** Deterministic short id for a resource, like API Gateway's 10-character ids. */
export function shortId(r: TfResource): string {
  return createHash('sha1').update(`${r.stack}|${r.type}|${r.name}`).digest('hex').slice(0, 10);
}

const generated = new Map<string, string>();
/** A random value generated once per resource per start-up (API key values, ephemeral passwords). */
export function generatedSecret(key: string, length: number): string {
  let v = generated.get(key);
  if (!v) {
    v = randomBytes(length * 2).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, length);
    generated.set(key, v);
  }
  return v;
}

/** Resource types the local environment runs (everything else is listed as not emulated). */
export const EMULATED_TYPES = new Set([
  'aws_dynamodb_table',
  'aws_sqs_queue',
  'aws_sqs_queue_redrive_policy',
  'aws_cloudwatch_event_bus',
  'aws_cloudwatch_event_rule',
  'aws_cloudwatch_event_target',
  'aws_ssm_parameter',
  'aws_lambda_function',
  'aws_lambda_alias',
  'aws_lambda_layer_version',
  'aws_lambda_permission',
  'aws_lambda_event_source_mapping',
  'aws_api_gateway_rest_api',
  'aws_api_gateway_resource',
  'aws_api_gateway_method',
  'aws_api_gateway_integration',
  'aws_api_gateway_integration_response',
  'aws_api_gateway_method_response',
  'aws_api_gateway_deployment',
  'aws_api_gateway_stage',
  'aws_api_gateway_authorizer',
  'aws_api_gateway_request_validator',
  'aws_api_gateway_model',
  'aws_api_gateway_method_settings',
  'aws_api_gateway_api_key',
  'aws_api_gateway_usage_plan',
  'aws_api_gateway_usage_plan_key',
]);

/**
 * Attributes of an emulated resource, computed from its synthesized config and where it runs. Names
 * are the synthesized physical names, so handlers and tests see the same names as on AWS. The `text`
 * callback resolves a config value that may itself be a token.
 */
export function attributesOf(r: TfResource, at: Placement, text: (v: unknown) => string): Record<string, unknown> | undefined {
  const c = r.config;
  const { region, accountId } = at;
  const arn = (service: string, rest: string) => `arn:aws:${service}:${region}:${accountId}:${rest}`;
  const named = (key = 'name') => (c[key] !== undefined ? text(c[key]) : c.name_prefix !== undefined ? `${text(c.name_prefix)}local` : `${r.name}-local`);
  const id = shortId(r);
  switch (r.type) {
    case 'aws_dynamodb_table': {
      const name = named();
      return { id: name, name, arn: arn('dynamodb', `table/${name}`), stream_arn: arn('dynamodb', `table/${name}/stream/local`), hash_key: c.hash_key, range_key: c.range_key ?? '' };
    }
    case 'aws_sqs_queue': {
      const fifo = c.fifo_queue === true;
      let name = named();
      if (fifo && !name.endsWith('.fifo')) name += '.fifo';
      const url = `http://127.0.0.1:${at.awsPort}/${accountId}/${name}`;
      return { id: url, url, name, arn: arn('sqs', name) };
    }
    case 'aws_cloudwatch_event_bus': {
      const name = named();
      return { id: name, name, arn: arn('events', `event-bus/${name}`) };
    }
    case 'aws_cloudwatch_event_rule': {
      const name = named();
      const bus = c.event_bus_name === undefined ? 'default' : text(c.event_bus_name);
      return { id: `${bus}/${name}`, name, arn: arn('events', bus === 'default' ? `rule/${name}` : `rule/${bus}/${name}`) };
    }
    case 'aws_ssm_parameter': {
      const name = named();
      const literal = c.type !== 'SecureString' && typeof c.value === 'string' ? { value: text(c.value) } : {};
      return { id: name, name, arn: arn('ssm', `parameter${name.startsWith('/') ? '' : '/'}${name}`), type: c.type ?? 'String', version: 1, ...literal };
    }
    case 'aws_lambda_function': {
      const name = named('function_name');
      const fnArn = arn('lambda', `function:${name}`);
      const invokeArn = `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${fnArn}/invocations`;
      return { id: name, function_name: name, arn: fnArn, invoke_arn: invokeArn, qualified_arn: `${fnArn}:$LATEST`, qualified_invoke_arn: invokeArn, version: '$LATEST' };
    }
    case 'aws_lambda_alias': {
      // Locally every alias runs the function's current code: there is one version, the synthesized one.
      const fnName = text(c.function_name);
      const aliasArn = `${arn('lambda', `function:${fnName}`)}:${text(c.name)}`;
      const invokeArn = `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${aliasArn}/invocations`;
      return { id: aliasArn, arn: aliasArn, name: text(c.name), function_name: fnName, invoke_arn: invokeArn, function_version: '$LATEST' };
    }
    case 'aws_lambda_layer_version': {
      const layerArn = arn('lambda', `layer:${text(c.layer_name)}`);
      return { id: `${layerArn}:1`, arn: `${layerArn}:1`, layer_arn: layerArn, version: '1' };
    }
    case 'aws_lambda_event_source_mapping':
      return { id, uuid: id, function_arn: text(c.function_name) };
    case 'aws_api_gateway_rest_api':
      return { id, root_resource_id: `${id}-root`, name: text(c.name), execution_arn: arn('execute-api', id), arn: `arn:aws:apigateway:${region}::/restapis/${id}` };
    case 'aws_api_gateway_stage': {
      const api = text(c.rest_api_id);
      const stage = text(c.stage_name);
      const port = [...at.apiPorts.entries()].find(([key]) => key === apiKeyOf(r, c.rest_api_id))?.[1];
      if (port === undefined) return undefined;
      return { id: `ags-${api}-${stage}`, stage_name: stage, invoke_url: `http://127.0.0.1:${port}/${stage}`, execution_arn: arn('execute-api', `${api}/${stage}`), arn: `arn:aws:apigateway:${region}::/restapis/${api}/stages/${stage}` };
    }
    case 'aws_api_gateway_api_key': {
      const value = c.value === undefined ? generatedSecret(`${r.stack}|${r.name}`, 40) : text(c.value);
      return { id, value, name: text(c.name), arn: `arn:aws:apigateway:${region}::/apikeys/${id}` };
    }
    case 'aws_api_gateway_usage_plan':
      return { id, name: text(c.name), arn: `arn:aws:apigateway:${region}::/usageplans/${id}` };
    case 'aws_api_gateway_model':
      return { id, name: text(c.name) };
    case 'aws_api_gateway_method':
      return { id, http_method: text(c.http_method) };
    default:
      return EMULATED_TYPES.has(r.type) ? { id } : undefined;
  }
}

/** `<stack>|<name>` of the rest API a `${aws_api_gateway_rest_api.X.id}` token names. */
export function apiKeyOf(r: TfResource, restApiId: unknown): string | undefined {
  const m = typeof restApiId === 'string' ? /^\$\{aws_api_gateway_rest_api\.([\w-]+)\.id\}$/.exec(restApiId) : null;
  return m ? `${r.stack}|${m[1]}` : undefined;
}
