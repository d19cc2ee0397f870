import { iamWildcardActions, iamWildcardResources } from '@tap/preflight';
import { check, stack, title } from './helpers';

const rolePolicy = (statements: Record<string, unknown>[]) =>
  stack({ resource: { aws_iam_role_policy: { p: { name: 'p-dev', role: '${aws_iam_role.r.id}', policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) } } } });
const keyPolicy = (statements: Record<string, unknown>[]) => stack({ resource: { aws_kms_key: { k: { enable_key_rotation: true, policy: JSON.stringify({ Statement: statements }) } } } });
const root = { AWS: 'arn:aws:iam::${data.aws_caller_identity.current.account_id}:root' };

describe(title(iamWildcardActions), () => {
  it('compliant: exact actions; key administration by the account root; Deny with sqs:*', () => {
    expect(check(iamWildcardActions, rolePolicy([{ Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: ['${aws_dynamodb_table.t.arn}'] }]))).toEqual([]);
    expect(check(iamWildcardActions, keyPolicy([{ Effect: 'Allow', Principal: root, Action: 'kms:*', Resource: '*' }]))).toEqual([]);
    const deny = stack({ resource: { aws_sqs_queue_policy: { q: { policy: JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: 'x', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }) } } } });
    expect(check(iamWildcardActions, deny)).toEqual([]);
  });
  it('"*" and "<service>:*" in Allow statements are errors, also in key policies for service principals', () => {
    expect(check(iamWildcardActions, rolePolicy([{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '${aws_dynamodb_table.t.arn}' }]))).toHaveLength(1);
    expect(check(iamWildcardActions, rolePolicy([{ Effect: 'Allow', Action: '*', Resource: '*' }]))).toHaveLength(1);
    expect(check(iamWildcardActions, keyPolicy([{ Effect: 'Allow', Principal: { Service: 'logs.amazonaws.com' }, Action: 'kms:*', Resource: '*' }]))).toHaveLength(1);
  });
  it('AdministratorAccess / *FullAccess managed policies are errors', () => {
    const s = stack({ resource: { aws_iam_role_policy_attachment: { a: { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess' }, ok: { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole' } } } });
    expect(check(iamWildcardActions, s).map((f) => f.address)).toEqual(['aws_iam_role_policy_attachment.a']);
  });
  it('reads aws_iam_policy_document data sources', () => {
    const s = stack({
      data: { aws_iam_policy_document: { d: { statement: [{ actions: ['s3:*'], resources: ['${aws_s3_bucket.b.arn}'] }] } } },
      resource: { aws_iam_policy: { p: { name: 'p-dev', policy: '${data.aws_iam_policy_document.d.json}' } } },
    });
    expect(check(iamWildcardActions, s)).toMatchObject([{ address: 'aws_iam_policy.p' }]);
  });
});

describe(title(iamWildcardResources), () => {
  it('compliant: ARN-scoped statements; documented exceptions (X-Ray, VPC ENI) on "*"; KMS key policy "*"', () => {
    expect(
      check(
        iamWildcardResources,
        rolePolicy([
          { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: ['${aws_cloudwatch_log_group.l.arn}:*'] },
          { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: ['*'] },
          { Effect: 'Allow', Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface'], Resource: '*' },
        ]),
      ),
    ).toEqual([]);
    expect(check(iamWildcardResources, keyPolicy([{ Effect: 'Allow', Principal: { Service: 'sqs.amazonaws.com' }, Action: ['kms:Decrypt'], Resource: '*' }]))).toEqual([]);
  });
  it('VPC-04: the flow-log role writing to Resource "*" is an error naming the actions', () => {
    const [f] = check(iamWildcardResources, rolePolicy([{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTraceSegments'], Resource: '*' }]));
    expect(f.message).toContain('logs:CreateLogStream, logs:PutLogEvents on Resource "*"');
  });
  it('inline_policy blocks of aws_iam_role are checked too', () => {
    const s = stack({ resource: { aws_iam_role: { r: { name: 'r-dev', assume_role_policy: '{}', inline_policy: [{ name: 'x', policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }) }] } } } });
    expect(check(iamWildcardResources, s)).toMatchObject([{ address: 'aws_iam_role.r' }]);
  });
});
