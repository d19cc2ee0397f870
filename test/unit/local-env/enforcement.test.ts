import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getEnvironmentConfig, type EnvironmentInput } from '@tap/config';
import { synthesizeApp } from '@tap/synth';
import { SHARED_SUFFIX } from '../../helpers/shared-synth';
import { AwsEndpoint } from '../../../packages/local-env/src/aws/endpoint';
import { SqsEngine } from '../../../packages/local-env/src/sqs/engine';
import { SsmStore } from '../../../packages/local-env/src/ssm/store';
import { sqsProtocol } from '../../../packages/local-env/src/sqs/protocol';
import { ssmProtocol } from '../../../packages/local-env/src/ssm/protocol';
import { AccessEnforcer } from '../../../packages/local-env/src/iam/enforcer';
import { runtimeCall } from '../../../packages/local-env/src/iam/calls';

// Each test synthesizes or checks whole apps: seconds each on a shared 2-core machine.
jest.setTimeout(120_000);

function synth(input: EnvironmentInput): string {
  const dir = mkdtempSync(join(tmpdir(), 'enforce-'));
  synthesizeApp({ config: getEnvironmentConfig(input), outdir: dir });
  return dir;
}

/** A copy of a synth with one stack's JSON edited. */
function edited(dir: string, stack: string, edit: (json: { resource: Record<string, Record<string, Record<string, unknown>>> }) => void): string {
  const copy = mkdtempSync(join(tmpdir(), 'enforce-edit-'));
  cpSync(dir, copy, { recursive: true });
  const file = join(copy, 'stacks', stack, 'cdk.tf.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  edit(json);
  writeFileSync(file, JSON.stringify(json));
  return copy;
}

const dev = synth({ suffix: SHARED_SUFFIX, profile: 'dev' });
const production = synth({ suffix: SHARED_SUFFIX, profile: 'production' });

const signed = (enforcer: AccessEnforcer, fn: string) => ({ authorization: `AWS4-HMAC-SHA256 Credential=${enforcer.credentials(fn).AWS_ACCESS_KEY_ID}/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0` });
const body = (o: unknown) => Buffer.from(JSON.stringify(o));

describe('local IAM and network enforcement', () => {
  it('maps endpoint requests to the IAM action and resource AWS authorizes', () => {
    expect(runtimeCall('f', 'DynamoDB_20120810.Query', { TableName: 't', IndexName: 'by-created' })).toEqual({ functionName: 'f', action: 'dynamodb:Query', resource: 'dynamodb-table', name: 't', indexName: 'by-created' });
    expect(runtimeCall('f', 'AmazonSQS.SendMessageBatch', { QueueUrl: 'http://127.0.0.1:1/000000000000/q' })).toMatchObject({ action: 'sqs:SendMessage', name: 'q' });
    expect(runtimeCall('f', 'AWSEvents.PutEvents', { Entries: [{ EventBusName: 'arn:aws:events:us-east-1:0:event-bus/b' }] })).toMatchObject({ action: 'events:PutEvents', name: 'b' });
    expect(runtimeCall('f', 'AmazonSSM.GetParameter', { Name: '/p', WithDecryption: true })).toMatchObject({ action: 'ssm:GetParameter', decrypt: true });
    expect(runtimeCall('f', 'AmazonSQS.ListQueues', {})).toBeUndefined();
  });

  it('each function signs with its own credentials, mapped back to it', () => {
    const enforcer = new AccessEnforcer(dev);
    const a = enforcer.credentials(`payment-api-create-${SHARED_SUFFIX}`).AWS_ACCESS_KEY_ID;
    const b = enforcer.credentials(`payment-api-status-${SHARED_SUFFIX}`).AWS_ACCESS_KEY_ID;
    expect(a).not.toBe(b);
    expect(a).toHaveLength(20);
    expect(enforcer.identities.caller(`AWS4-HMAC-SHA256 Credential=${b}/20260101/us-east-1/sqs/aws4_request`)).toBe(`payment-api-status-${SHARED_SUFFIX}`);
    expect(enforcer.identities.caller('AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/sqs/aws4_request')).toBeUndefined();
  });

  it('a call the synthesized policies allow passes; one they deny is AccessDeniedException naming role and action', async () => {
    const enforcer = new AccessEnforcer(dev);
    const fn = `payment-api-status-${SHARED_SUFFIX}`;
    expect(await enforcer.check(signed(enforcer, fn), 'DynamoDB_20120810.GetItem', body({ TableName: `payment-api-payments-${SHARED_SUFFIX}` }))).toEqual({ kind: 'allow' });
    const denied = await enforcer.check(signed(enforcer, fn), 'DynamoDB_20120810.DeleteItem', body({ TableName: `payment-api-payments-${SHARED_SUFFIX}` }));
    expect(denied).toMatchObject({ kind: 'deny', code: 'AccessDeniedException', message: expect.stringMatching(new RegExp(`assumed-role/payment-api-status-role-${SHARED_SUFFIX}/payment-api-status-${SHARED_SUFFIX} is not authorized to perform: dynamodb:DeleteItem`)) });
    expect(enforcer.calls.map((c) => [c.action, c.decision])).toEqual([['dynamodb:GetItem', 'ALLOW'], ['dynamodb:DeleteItem', 'DENY']]);
  });

  it('calls not signed by a function (tests, operators) are not enforced', async () => {
    const enforcer = new AccessEnforcer(dev);
    expect(await enforcer.check({}, 'DynamoDB_20120810.DeleteTable', body({ TableName: 'x' }))).toEqual({ kind: 'allow' });
  });

  it('a removed egress rule: the production create function cannot reach DynamoDB and the call hangs, then drops', async () => {
    const broken = edited(production, 'payment-api', (json) => {
      for (const name of Object.keys(json.resource.aws_vpc_security_group_egress_rule)) if (name.startsWith('network_https-dynamodb')) delete json.resource.aws_vpc_security_group_egress_rule[name];
    });
    const enforcer = new AccessEnforcer(broken, { connectTimeoutMs: 150 });
    const fn = `payment-api-create-${SHARED_SUFFIX}`;
    const put = body({ TableName: `payment-api-payments-${SHARED_SUFFIX}`, Item: { paymentId: { S: 'p-1' } } });
    const verdict = await enforcer.check(signed(enforcer, fn), 'DynamoDB_20120810.PutItem', put);
    expect(verdict).toMatchObject({ kind: 'unreachable', afterMs: 150, message: expect.stringMatching(/no network path to dynamodb/) });
    // The intact synth reaches DynamoDB through the gateway endpoint.
    const ok = new AccessEnforcer(production);
    expect(await ok.check(signed(ok, fn), 'DynamoDB_20120810.PutItem', put)).toEqual({ kind: 'allow' });
  });

  it('deliveries: EventBridge → SQS and SQS → Lambda are refused when the synthesized policies deny them', async () => {
    const broken = edited(dev, 'event-pipeline', (json) => {
      const policies = json.resource.aws_sqs_queue_policy;
      for (const [name, p] of Object.entries(policies)) {
        if (!name.startsWith('queue_queue-policy')) continue;
        const doc = JSON.parse(String(p.policy)) as { Statement: { Sid?: string }[] };
        doc.Statement = doc.Statement.filter((s) => s.Sid !== 'EventBridgeRuleSends');
        p.policy = JSON.stringify(doc);
      }
    });
    await expect(new AccessEnforcer(broken).delivery('eventbridge-target', [`target events-queue-${SHARED_SUFFIX}`])).rejects.toThrow(/AccessDenied: .*sqs:SendMessage/);
    await expect(new AccessEnforcer(dev).delivery('eventbridge-target', [`target events-queue-${SHARED_SUFFIX}`])).resolves.toBeUndefined();
    await expect(new AccessEnforcer(dev).delivery('sqs-event-source', [`polls events-queue-${SHARED_SUFFIX} for events-process-fn-${SHARED_SUFFIX}`])).resolves.toBeUndefined();
  });

  describe('the local AWS endpoint', () => {
    const post = (port: number, target: string, payload: unknown): Promise<{ status?: number; body?: string; error?: string; ms: number }> =>
      new Promise((resolve) => {
        const started = Date.now();
        const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.0' } }, (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode, body: text, ms: Date.now() - started }));
        });
        req.on('error', (e) => resolve({ error: e.message, ms: Date.now() - started }));
        req.end(JSON.stringify(payload));
      });

    it('answers a denied call with the AWS error shape and drops an unreachable one after the bounded timeout', async () => {
      const endpoint = new AwsEndpoint({
        protocols: [sqsProtocol(new SqsEngine()), ssmProtocol(new SsmStore('arn:aws:ssm:us-east-1:000000000000:parameter'))],
        enforce: async (_h, target) =>
          target.endsWith('DeleteMessage') ? { kind: 'deny', code: 'AccessDeniedException', message: 'not authorized' } : target.endsWith('SendMessage') ? { kind: 'unreachable', afterMs: 100, message: 'no path' } : { kind: 'allow' },
      });
      const port = await endpoint.start();
      try {
        const denied = await post(port, 'AmazonSQS.DeleteMessage', { QueueUrl: 'x', ReceiptHandle: 'r' });
        expect(denied.status).toBe(400);
        expect(JSON.parse(denied.body ?? '{}')).toEqual({ __type: 'AccessDeniedException', message: 'not authorized' });
        const hung = await post(port, 'AmazonSQS.SendMessage', { QueueUrl: 'x', MessageBody: 'm' });
        expect(hung.error).toMatch(/socket hang up|ECONNRESET/);
        expect(hung.ms).toBeGreaterThanOrEqual(90);
        expect(hung.ms).toBeLessThan(5000);
      } finally {
        await endpoint.stop();
      }
    });
  });
});
