/**
 * Offline stand-ins for the attributes AWS assigns at apply time (ARNs, URLs, ids). They follow the
 * documented ARN formats of each service, so a policy written against the real attribute matches the
 * stand-in exactly when it would match the real value. Account and Region are fixed placeholders.
 */
export const ACCOUNT_ID = '123456789012';

/** Attributes of one resource, from its (already resolved) arguments; undefined when the type is not modelled. */
export function attributesOf(type: string, name: string, body: Record<string, unknown>, region: string): Record<string, unknown> | undefined {
  const a = ACCOUNT_ID;
  const s = (v: unknown): string => (typeof v === 'string' ? v : String(v ?? name));
  const id = `${type.replace(/^aws_/, '')}-${name}`;
  switch (type) {
    case 'aws_sqs_queue': {
      const n = s(body.name);
      return { arn: `arn:aws:sqs:${region}:${a}:${n}`, url: `https://sqs.${region}.amazonaws.com/${a}/${n}`, id: `https://sqs.${region}.amazonaws.com/${a}/${n}`, name: n };
    }
    case 'aws_dynamodb_table': {
      const n = s(body.name);
      return { arn: `arn:aws:dynamodb:${region}:${a}:table/${n}`, name: n, id: n, stream_arn: `arn:aws:dynamodb:${region}:${a}:table/${n}/stream/2026-01-01T00:00:00.000` };
    }
    case 'aws_kms_key':
      return { arn: `arn:aws:kms:${region}:${a}:key/${id}`, key_id: id, id };
    case 'aws_kms_alias':
      return { arn: `arn:aws:kms:${region}:${a}:${s(body.name)}`, id: s(body.name), name: s(body.name) };
    case 'aws_cloudwatch_log_group':
      return { arn: `arn:aws:logs:${region}:${a}:log-group:${s(body.name)}`, name: s(body.name), id: s(body.name) };
    case 'aws_sns_topic':
      return { arn: `arn:aws:sns:${region}:${a}:${s(body.name)}`, id: `arn:aws:sns:${region}:${a}:${s(body.name)}`, name: s(body.name) };
    case 'aws_lambda_function': {
      const n = s(body.function_name);
      const arn = `arn:aws:lambda:${region}:${a}:function:${n}`;
      return { arn, function_name: n, id: n, version: '1', qualified_arn: `${arn}:1`, invoke_arn: invokeArn(region, arn), qualified_invoke_arn: invokeArn(region, `${arn}:1`) };
    }
    case 'aws_lambda_alias': {
      const arn = `arn:aws:lambda:${region}:${a}:function:${s(body.function_name)}:${s(body.name)}`;
      return { arn, name: s(body.name), id: arn, invoke_arn: invokeArn(region, arn) };
    }
    case 'aws_lambda_layer_version': {
      const layer = `arn:aws:lambda:${region}:${a}:layer:${s(body.layer_name)}`;
      return { layer_arn: layer, arn: `${layer}:1`, version: '1', id: `${layer}:1` };
    }
    case 'aws_iam_role':
      return { arn: `arn:aws:iam::${a}:role/${s(body.name)}`, name: s(body.name), id: s(body.name), unique_id: `AROA${name}` };
    case 'aws_iam_policy':
      return { arn: `arn:aws:iam::${a}:policy/${s(body.name)}`, name: s(body.name), id: `arn:aws:iam::${a}:policy/${s(body.name)}` };
    case 'aws_api_gateway_rest_api': {
      const apiId = `api${hash(name)}`;
      return { id: apiId, root_resource_id: `root-${apiId}`, execution_arn: `arn:aws:execute-api:${region}:${a}:${apiId}`, arn: `arn:aws:apigateway:${region}::/restapis/${apiId}` };
    }
    case 'aws_s3_bucket': {
      const b = s(body.bucket);
      return { arn: `arn:aws:s3:::${b}`, id: b, bucket: b, bucket_regional_domain_name: `${b}.s3.${region}.amazonaws.com` };
    }
    case 'aws_cloudwatch_event_bus':
      return { arn: `arn:aws:events:${region}:${a}:event-bus/${s(body.name)}`, name: s(body.name), id: s(body.name) };
    case 'aws_cloudwatch_event_rule': {
      const bus = typeof body.event_bus_name === 'string' && body.event_bus_name !== 'default' ? `${body.event_bus_name}/` : '';
      return { arn: `arn:aws:events:${region}:${a}:rule/${bus}${s(body.name)}`, name: s(body.name), id: `${bus}${s(body.name)}` };
    }
    case 'aws_cloudwatch_metric_alarm':
      return { arn: `arn:aws:cloudwatch:${region}:${a}:alarm:${s(body.alarm_name)}`, id: s(body.alarm_name), alarm_name: s(body.alarm_name) };
    case 'aws_ssm_parameter': {
      const n = s(body.name);
      return { arn: `arn:aws:ssm:${region}:${a}:parameter${n.startsWith('/') ? n : `/${n}`}`, name: n, id: n };
    }
    case 'aws_backup_vault':
      return { arn: `arn:aws:backup:${region}:${a}:backup-vault:${s(body.name)}`, name: s(body.name), id: s(body.name) };
    case 'aws_backup_plan':
      return { arn: `arn:aws:backup:${region}:${a}:backup-plan:${id}`, id };
    case 'aws_flow_log':
      return { arn: `arn:aws:ec2:${region}:${a}:vpc-flow-log/fl-${hash(name)}`, id: `fl-${hash(name)}` };
    case 'aws_vpc':
      return { id: `vpc-${hash(name)}`, arn: `arn:aws:ec2:${region}:${a}:vpc/vpc-${hash(name)}`, cidr_block: body.cidr_block };
    case 'aws_subnet':
      return { id: `subnet-${hash(name)}`, arn: `arn:aws:ec2:${region}:${a}:subnet/subnet-${hash(name)}`, cidr_block: body.cidr_block };
    case 'aws_security_group':
      return { id: `sg-${hash(name)}`, arn: `arn:aws:ec2:${region}:${a}:security-group/sg-${hash(name)}` };
    case 'aws_route_table':
      return { id: `rtb-${hash(name)}` };
    case 'aws_nat_gateway':
      return { id: `nat-${hash(name)}` };
    case 'aws_internet_gateway':
      return { id: `igw-${hash(name)}` };
    case 'aws_vpc_endpoint':
      return { id: `vpce-${hash(name)}`, arn: `arn:aws:ec2:${region}:${a}:vpc-endpoint/vpce-${hash(name)}` };
    case 'aws_api_gateway_authorizer':
    case 'aws_api_gateway_resource':
    case 'aws_api_gateway_deployment':
      return { id: `${type.slice(16, 20)}${hash(name)}` };
    case 'aws_api_gateway_method':
      return { id: hash(name), http_method: body.http_method };
    case 'aws_acm_certificate':
      return { arn: `arn:aws:acm:${region}:${a}:certificate/${hash(name)}`, id: hash(name) };
    default:
      return undefined;
  }
}

function invokeArn(region: string, functionArn: string): string {
  return `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
}

/** Short stable id from a name (10 hex characters), like the ids AWS assigns. */
export function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h.toString(16).padStart(8, '0') + (text.length % 256).toString(16).padStart(2, '0');
}
