import type { StackDoc } from '@tap/synth';
import { checkAccess, decide } from '@tap/access';
import { SHARED_SUFFIX } from '../../helpers/shared-synth';
import { check, clone, editPolicy, remove, resource, results, synthApp } from './synth';

// Each test synthesizes or checks whole apps: seconds each on a shared 2-core machine.
jest.setTimeout(120_000);

// One broken copy of the synth per interaction kind: pnpm access must reject each with a DENY that names
// what is missing (the same check runs in the test command over the real synths).
const dev = synthApp({ suffix: SHARED_SUFFIX, profile: 'dev' });
const production = synthApp({ suffix: SHARED_SUFFIX, profile: 'production' });

const denied = async (stacks: StackDoc[], kind: string, text = '') => {
  const report = await check(stacks, dev);
  return results(report, kind, text).filter((r) => r.decision === 'DENY');
};

const withoutAction = (action: string) => (statements: { Action?: string | string[] }[]) =>
  statements
    .map((s) => ({ ...s, Action: (Array.isArray(s.Action) ? s.Action : [s.Action ?? '']).filter((a) => a !== action) }))
    .filter((s) => s.Action.length > 0);

describe('pnpm access rejects negative fixtures', () => {
  it('a removed kms:Decrypt: the event processor cannot read its encrypted queue', async () => {
    const stacks = clone(dev);
    editPolicy(resource(stacks, 'event-pipeline', 'aws_iam_role_policy', 'process_policy'), 'policy', withoutAction('kms:Decrypt'));
    const deny = await denied(stacks, 'sqs-event-source', 'events-queue');
    expect(deny).toHaveLength(1);
    expect(deny[0].reason).toMatch(/kms:Decrypt .*implicitly denied/);
  });

  it('a key policy without the service principal: CloudWatch alarms cannot publish to the KMS-encrypted topic', async () => {
    const stacks = clone(dev);
    editPolicy(resource(stacks, 'payment-api', 'aws_kms_key', 'key_'), 'policy', (s) => s.filter((x) => x.Sid !== 'CloudwatchUsesKey'));
    const deny = await denied(stacks, 'alarm-topic', 'payment-api');
    expect(deny.length).toBeGreaterThan(5);
    expect(deny[0].reason).toMatch(/kms:GenerateDataKey .*cloudwatch\.amazonaws\.com/);
  });

  it('a key policy without the logs principal: CloudWatch Logs cannot use the log group key', async () => {
    const stacks = clone(dev);
    editPolicy(resource(stacks, 'vpc', 'aws_kms_key', 'flow-logs-key'), 'policy', (s) => s.filter((x) => x.Sid !== 'CloudWatchLogsEncrypt'));
    expect(await denied(stacks, 'logs-cmk', 'flow-logs')).toHaveLength(1);
  });

  it('a key policy without events.amazonaws.com: EventBridge cannot deliver to the encrypted queue', async () => {
    const stacks = clone(dev);
    editPolicy(resource(stacks, 'event-pipeline', 'aws_kms_key', 'key_'), 'policy', (s) => s.filter((x) => x.Sid !== 'EventsUsesKey'));
    const deny = await denied(stacks, 'eventbridge-target');
    expect(deny[0].reason).toMatch(/kms:GenerateDataKey .*events\.amazonaws\.com/);
  });

  it('a permission on the wrong path: API Gateway cannot invoke POST /payments', async () => {
    const stacks = clone(dev);
    const permission = resource(stacks, 'payment-api', 'aws_lambda_permission', 'api_permission_POST_payments');
    permission.source_arn = String(permission.source_arn).replace('/POST/payments', '/POST/payment');
    const deny = await denied(stacks, 'apigw-invoke', 'POST /payments');
    expect(deny).toHaveLength(1);
    expect(deny[0].reason).toMatch(/lambda:InvokeFunction .*does not allow apigateway\.amazonaws\.com/);
  });

  it('a permission on the function instead of the alias the integration calls', async () => {
    const stacks = clone(dev);
    delete resource(stacks, 'payment-api', 'aws_lambda_permission', 'api_permission_POST_payments').qualifier;
    expect(await denied(stacks, 'apigw-invoke', 'POST /payments')).toHaveLength(1);
  });

  it('EventBridge to an encrypted queue through a key statement conditioned on aws:SourceAccount: every delivery is denied (the KMS request does not carry it)', async () => {
    const stacks = clone(dev);
    editPolicy(resource(stacks, 'event-pipeline', 'aws_kms_key', 'key_'), 'policy', (s) =>
      s.map((x) => (x.Sid === 'EventsUsesKey' ? { ...x, Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } } : x)),
    );
    const deny = await denied(stacks, 'eventbridge-target');
    expect(deny.length).toBeGreaterThan(0);
    expect(deny[0].reason).toMatch(/kms:GenerateDataKey .*events\.amazonaws\.com/);
  });

  it('a missing queue policy: the EventBridge rule cannot send to the processing queue', async () => {
    const stacks = clone(dev);
    editPolicy(resource(stacks, 'event-pipeline', 'aws_sqs_queue_policy', 'queue_queue-policy'), 'policy', (s) => s.filter((x) => x.Sid !== 'EventBridgeRuleSends'));
    const deny = await denied(stacks, 'eventbridge-target');
    expect(deny[0].reason).toMatch(/sqs:SendMessage .*does not allow events\.amazonaws\.com/);
  });

  it('production: an SG without the prefix-list rule leaves the create function no path to DynamoDB (NAT does not help without public egress)', async () => {
    const stacks = clone(production);
    remove(stacks, 'payment-api', 'aws_vpc_security_group_egress_rule', 'network_https-dynamodb');
    const report = await checkAccess(stacks);
    const deny = results(report, 'sdk-call', 'payment-api-create').filter((r) => r.decision === 'DENY');
    expect(deny.length).toBeGreaterThan(0);
    expect(deny[0].reason).toMatch(/no network path to dynamodb/);
  });

  it('an SG without the prefix-list rule: no path to DynamoDB through the gateway endpoint', async () => {
    const stacks = clone(dev);
    remove(stacks, 'payment-api', 'aws_vpc_security_group_egress_rule', 'network_https-dynamodb');
    expect((await denied(stacks, 'sdk-call', 'dynamodb:GetItem')).length).toBeGreaterThan(0);
  });

  it('a role without the table grant: the status function cannot read payments', async () => {
    const stacks = clone(dev);
    editPolicy(resource(stacks, 'payment-api', 'aws_iam_role_policy', 'get-payment_policy'), 'policy', withoutAction('dynamodb:GetItem'));
    expect(await denied(stacks, 'sdk-call', `payment-api-status-${SHARED_SUFFIX} calls dynamodb:GetItem`)).toHaveLength(1);
  });

  it('a trust policy for the wrong service: Lambda cannot assume the role', async () => {
    const stacks = clone(dev);
    const role = resource(stacks, 'rest-api', 'aws_iam_role', 'items-fn_role');
    role.assume_role_policy = String(role.assume_role_policy).replace('lambda.amazonaws.com', 'ec2.amazonaws.com');
    expect(await denied(stacks, 'lambda-trust', 'rest-api-items')).toHaveLength(1);
  });

  it('an action missing from the IAM action catalog is an error, not an allow', async () => {
    const result = await decide({ principal: 'arn:aws:iam::123456789012:role/r', action: 'sqs:SendMessages', resource: 'arn:aws:sqs:us-east-1:123456789012:q', identity: [{ name: 'p', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }] });
    expect(result.decision).toBe('DENY');
    expect(result.reason).toMatch(/does not exist in the IAM action catalog/);
  });

  it('an explicit deny wins over the allow, naming the statement', async () => {
    const result = await decide({
      principal: 'arn:aws:iam::123456789012:role/r', action: 'sqs:SendMessage', resource: 'arn:aws:sqs:us-east-1:123456789012:q', context: { 'aws:SecureTransport': 'false' },
      identity: [{ name: 'p', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] } }],
      resourcePolicy: { name: 'queue-policy', policy: { Version: '2012-10-17', Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] } },
    });
    expect(result).toMatchObject({ decision: 'DENY', reason: expect.stringContaining('queue-policy#DenyInsecureTransport') });
  });

  it('an encryption-context condition is evaluated, not dropped', async () => {
    const keyPolicy = { name: 'key', policy: { Version: '2012-10-17', Statement: [{ Sid: 'Logs', Effect: 'Allow', Principal: { Service: 'logs.us-east-1.amazonaws.com' }, Action: 'kms:GenerateDataKey*', Resource: '*', Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:us-east-1:123456789012:log-group:*' } } }] } };
    const ask = (arn: string) => decide({ principal: 'logs.us-east-1.amazonaws.com', action: 'kms:GenerateDataKey', resource: 'arn:aws:kms:us-east-1:123456789012:key/k', identity: [], resourcePolicy: keyPolicy, context: { 'kms:EncryptionContext:aws:logs:arn': arn } });
    expect((await ask('arn:aws:logs:us-east-1:123456789012:log-group:/x')).decision).toBe('ALLOW');
    expect((await ask('arn:aws:logs:us-east-1:999999999999:log-group:/x')).decision).toBe('DENY');
  });
});
