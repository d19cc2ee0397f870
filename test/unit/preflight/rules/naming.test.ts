import { environmentWords, nameLength, nameSuffix } from '@tap/preflight';
import { check, stack, title } from './helpers';

const fn = (name: string, extra: Record<string, unknown> = {}) => ({ aws_lambda_function: { fn: { function_name: name, ...extra } } });

describe(title(nameSuffix), () => {
  it('compliant: names carry the suffix, or are built from a resource that does', () => {
    const s = stack({ resource: { ...fn('ingest-dev'), aws_cloudwatch_log_group: { lg: { name: '/aws/lambda/${aws_lambda_function.fn.function_name}' } } } });
    expect(check(nameSuffix, s)).toEqual([]);
  });
  it('PIPE-04: a static name without the suffix is an error', () => {
    expect(check(nameSuffix, stack({ resource: fn('event-pipeline-event-ingestion') }))).toMatchObject([{ address: 'aws_lambda_function.fn', severity: 'error' }]);
  });
  it('--suffix overrides the default tag', () => {
    expect(check(nameSuffix, stack({ resource: fn('ingest-dev') }), { suffix: 'pr42' })).toHaveLength(1);
  });
  it('without a suffix tag or flag it warns once instead of guessing', () => {
    expect(check(nameSuffix, stack({ resource: fn('ingest'), tags: { Project: 'x' } }))).toMatchObject([{ severity: 'warning', address: 'provider.aws' }]);
  });
});

describe(title(nameLength), () => {
  it('compliant: names within their limits (account-id token counted as 12)', () => {
    const s = stack({ resource: { aws_s3_bucket: { b: { bucket: 'tap-data-dev-${data.aws_caller_identity.current.account_id}' } }, ...fn('x'.repeat(60) + '-dev') } });
    expect(check(nameLength, s)).toEqual([]);
  });
  it('names over the Lambda 64 / S3 63 / ALB 32 / target group 32 / SQS 80 / IAM role 64 limits are errors', () => {
    const s = stack({
      resource: {
        ...fn('f'.repeat(61) + '-dev'),
        aws_s3_bucket: { b: { bucket: 'tap-' + 'b'.repeat(44) + '-dev-${data.aws_caller_identity.current.account_id}' } },
        aws_lb: { alb: { name: 'payment-gateway-alb-synth-4f2a9c01' } },
        aws_lb_target_group: { tg: { name: 't'.repeat(33) } },
        aws_sqs_queue: { q: { name: 'q'.repeat(81) } },
        aws_iam_role: { r: { name: 'r'.repeat(65) } },
      },
    });
    expect(check(nameLength, s).map((f) => f.address).sort()).toEqual(['aws_iam_role.r', 'aws_lambda_function.fn', 'aws_lb.alb', 'aws_lb_target_group.tg', 'aws_s3_bucket.b', 'aws_sqs_queue.q']);
  });
});

describe(title(environmentWords), () => {
  it('compliant: the suffix and default tag values may be environment words', () => {
    const s = stack({ tags: { EnvironmentSuffix: 'prod', Profile: 'production' }, resource: { ...fn('orders-prod', { tags: { Tier: 'production' } }) } });
    expect(check(environmentWords, s)).toEqual([]);
  });
  it('compliant: words that merely contain an environment word are not one (device, products)', () => {
    expect(check(environmentWords, stack({ resource: fn('device-products-dev') }))).toEqual([]);
  });
  it('VPC-02: a hardcoded Production tag under suffix dev is an error', () => {
    const s = stack({ resource: { aws_vpc: { v: { cidr_block: '10.0.0.0/16', tags: { Environment: 'Production' } } } } });
    expect(check(environmentWords, s)).toMatchObject([{ address: 'aws_vpc.v', severity: 'error' }]);
  });
  it('PAY-02: "prod" in a name under another suffix is an error (camelCase too)', () => {
    const tags = { EnvironmentSuffix: 'pr4821', Profile: 'pr' };
    expect(check(environmentWords, stack({ tags, resource: fn('payment-api-prod-pr4821') }))).toHaveLength(1);
    expect(check(environmentWords, stack({ tags, resource: { aws_api_gateway_stage: { s: { stage_name: 'api', tags: { Name: 'PaymentApiProd' } } } } }))).toHaveLength(1);
  });
});
