import { accountIdLiteral, placeholderSecrets, regionLiteral, ssmSecureString } from '@tap/preflight';
import { check, stack, title } from './helpers';

describe(title(accountIdLiteral), () => {
  it('compliant: account ids from data sources; the provider and data sources may hold literals; hashes are not ids', () => {
    const s = stack({
      provider: { aws: [{ region: 'us-east-1', allowed_account_ids: ['123456789012'], default_tags: [{ tags: { EnvironmentSuffix: 'dev' } }] }] },
      data: { aws_iam_role: { r: { name: 'arn:aws:iam::123456789012:role/x' } } },
      resource: {
        aws_lambda_layer_version_permission: { p: { principal: '${data.aws_caller_identity.current.account_id}' } },
        aws_api_gateway_deployment: { d: { triggers: { redeployment: 'a123456789012b' } } },
        aws_lambda_function: { f: { source_code_hash: '123456789012+abc=' } },
      },
    });
    expect(check(accountIdLiteral, s)).toEqual([]);
  });
  it('PIPE-03: a literal account id in a layer permission or an ARN is an error', () => {
    const s = stack({
      resource: {
        aws_lambda_layer_version_permission: { p: { principal: '123456789012' } },
        aws_iam_role_policy: { q: { policy: '{"Statement":[{"Resource":"arn:aws:sqs:us-east-1:210987654321:q"}]}' } },
      },
    });
    expect(check(accountIdLiteral, s).map((f) => f.address)).toEqual(['aws_lambda_layer_version_permission.p', 'aws_iam_role_policy.q']);
  });
});

describe(title(regionLiteral), () => {
  it('compliant: region from data.aws_region; the provider block holds the region', () => {
    const s = stack({ resource: { aws_vpc_endpoint: { e: { service_name: 'com.amazonaws.${data.aws_region.current.id}.s3' } } } });
    expect(check(regionLiteral, s)).toEqual([]);
  });
  it('PAY-04: eu-central-1 typed into a resource is an error', () => {
    const s = stack({ resource: { aws_vpc_endpoint: { e: { service_name: 'com.amazonaws.eu-central-1.s3' } }, aws_subnet: { a: { availability_zone: 'us-east-1a' } } } });
    expect(check(regionLiteral, s).map((f) => f.address)).toEqual(['aws_vpc_endpoint.e', 'aws_subnet.a']);
  });
  it('the region of an aliased provider (a config-supplied replica region) is allowed; the default provider\'s is not', () => {
    const provider = { aws: [{ region: 'us-east-1', default_tags: [{ tags: { EnvironmentSuffix: 'dev' } }] }, { alias: 'replica', region: 'us-west-2' }] };
    const policy = (region: string) => ({ aws_iam_role_policy: { p: { policy: `{"Condition":{"StringEquals":{"kms:ViaService":"s3.${region}.amazonaws.com"}}}` } } });
    expect(check(regionLiteral, stack({ provider, resource: policy('us-west-2') }))).toEqual([]);
    expect(check(regionLiteral, stack({ provider, resource: policy('us-east-1') }))).toHaveLength(1);
  });
});

describe(title(placeholderSecrets), () => {
  it('compliant: generated secrets and ordinary descriptions', () => {
    const s = stack({
      resource: {
        aws_ssm_parameter: { t: { type: 'SecureString', value_wo: '${ephemeral.aws_secretsmanager_random_password.token.random_password}', description: 'TODO rotate quarterly' } },
        aws_lambda_function: { f: { environment: { variables: { TOKEN_PARAMETER: '/tap/dev/token' } } } },
      },
    });
    expect(check(placeholderSecrets, s)).toEqual([]);
  });
  it('PIPE-07: REPLACE_WITH_ACTUAL_TOKEN, CHANGEME and placeholder values are errors', () => {
    const s = stack({
      resource: {
        aws_ssm_parameter: { t: { type: 'SecureString', value: 'REPLACE_WITH_ACTUAL_TOKEN' } },
        aws_secretsmanager_secret_version: { v: { secret_string: 'changeme' } },
        aws_lambda_function: { f: { environment: { variables: { API_KEY: 'placeholder' } } } },
        aws_db_instance: { d: { password: 'TODO' } },
      },
    });
    expect(check(placeholderSecrets, s).map((f) => f.address)).toEqual(['aws_ssm_parameter.t', 'aws_secretsmanager_secret_version.v', 'aws_lambda_function.f', 'aws_db_instance.d']);
  });
});

describe(title(ssmSecureString), () => {
  it('compliant: SecureString through value_wo with a CMK; plain String parameters untouched', () => {
    const s = stack({ resource: { aws_ssm_parameter: { t: { type: 'SecureString', key_id: '${aws_kms_key.k.arn}', value_wo: '${ephemeral.x.y.z}', value_wo_version: 1 }, n: { type: 'String', value: 'x' } } } });
    expect(check(ssmSecureString, s)).toEqual([]);
  });
  it('a SecureString `value` (kept in state) is an error; no key_id is a warning', () => {
    const s = stack({ resource: { aws_ssm_parameter: { t: { type: 'SecureString', value: '${random_password.p.result}' } } } });
    expect(check(ssmSecureString, s).map((f) => f.severity)).toEqual(['error', 'warning']);
  });
});
