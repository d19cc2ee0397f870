/**
 * Constructs own their extension points: what a stack adds to an API (models, validators, gateway
 * responses, authorizers) or to a queue policy goes through the construct, which keeps the deployment
 * fingerprint and the policy consistent with what it created.
 */
import { Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { addOutputs, BaseStack, EncryptionKey, NodejsFunction, QueuePolicy, RestApiFront, SecureBucket, SecureQueue, type GatewayResponseSpec } from '@tap/constructs';
import { onlyResource, resourcesOf, synthJson, testConfig } from '../../helpers/synth';
import type { StackJson as SynthJson } from '@tap/synth';
import { HELLO_BUNDLE } from '../../fixtures/lambdas/hello/bundle';

type Json = Record<string, unknown>;

const config = testConfig({ suffix: 'ext-1' });

/** A stack with one function and an undeployed front. */
function undeployed() {
  const stack = new BaseStack(Testing.app(), 'ext', { config });
  const key = new EncryptionKey(stack, 'key', { name: 'ext-key', description: 'ext', services: ['logs'] });
  const fn = new NodejsFunction(stack, 'fn', { name: 'hello', code: HELLO_BUNDLE, environmentKeyArn: key.arn });
  return { stack, fn, api: new RestApiFront(stack, 'front', { name: 'orders-api', description: 'orders', logKeyArn: key.arn }) };
}

function front(build: (front: RestApiFront, fn: NodejsFunction, stack: BaseStack) => void = () => undefined) {
  const { stack, fn, api } = undeployed();
  build(api, fn, stack);
  api.route({ path: '/orders', method: 'POST', fn });
  api.deploy();
  return { stack, api, json: synthJson(stack) };
}

const redeployment = (json: SynthJson) => (onlyResource(json, 'aws_api_gateway_deployment').triggers as { redeployment: string }).redeployment;
const BAD_BODY: GatewayResponseSpec = { id: 'bad-body', type: 'BAD_REQUEST_BODY', status: '400', template: '{"error":"bad body"}' };

describe('RestApiFront extension points', () => {
  it('models, validators and gateway responses it adds are in the deployment fingerprint; a change redeploys', () => {
    const base = redeployment(front().json);
    const withResponse = front((api) => api.addGatewayResponses([BAD_BODY])).json;
    expect(redeployment(withResponse)).not.toBe(base);
    expect(redeployment(front((api) => api.addGatewayResponses([{ ...BAD_BODY, template: '{"error":"other"}' }])).json)).not.toBe(redeployment(withResponse));
    expect(redeployment(front((api) => api.addGatewayResponses([BAD_BODY])).json)).toBe(redeployment(withResponse));
    expect(redeployment(front((api) => api.addModel('model', { name: 'Order', schema: { type: 'object' } })).json)).not.toBe(base);
    expect(redeployment(front((api) => api.addRequestValidator('validator', { name: 'orders-body', validateRequestBody: true, validateRequestParameters: false })).json)).not.toBe(base);
  });

  it('the deployment waits for the gateway responses; the resources keep the id the stack gave them', () => {
    const { json } = front((api) => api.addGatewayResponses([BAD_BODY]));
    expect(Object.keys(json.resource?.aws_api_gateway_gateway_response ?? {})).toEqual(['bad-body']);
    expect(onlyResource(json, 'aws_api_gateway_deployment').depends_on).toContain('aws_api_gateway_gateway_response.bad-body');
  });

  it('a TOKEN authorizer comes with the permission for this API`s authorizers to invoke the live alias', () => {
    const { json } = front((api, fn) => {
      api.addTokenAuthorizer('auth', { name: 'orders-auth', fn, identitySource: 'method.request.header.Authorization', ttlSeconds: 10, permissionId: 'auth-permission' });
    });
    expect(onlyResource(json, 'aws_api_gateway_authorizer')).toMatchObject({ name: 'orders-auth-ext-1', type: 'TOKEN', authorizer_result_ttl_in_seconds: 10 });
    const permission = (json.resource?.aws_lambda_permission ?? {})['auth-permission'] as Json;
    expect(permission.source_arn).toMatch(/\/authorizers\/\$\{aws_api_gateway_authorizer\.auth\.id\}$/);
    expect(permission.qualifier).toMatch(/^\$\{aws_lambda_alias\./);
  });

  it('the stage and method settings wait for a resource named with stageDependsOn, before or after deploy()', () => {
    for (const when of ['before', 'after'] as const) {
      const { stack, fn, api } = undeployed();
      api.route({ path: '/orders', method: 'POST', fn });
      const other = new SqsQueue(stack, 'other', { name: 'other' });
      if (when === 'before') api.stageDependsOn(other);
      api.deploy();
      if (when === 'after') api.stageDependsOn(other);
      const json = synthJson(stack);
      expect(onlyResource(json, 'aws_api_gateway_stage').depends_on).toEqual(['aws_sqs_queue.other']);
      expect(onlyResource(json, 'aws_api_gateway_method_settings').depends_on).toEqual(['aws_sqs_queue.other']);
    }
  });

  it('adding a part after deploy() fails, naming the construct, the problem and the fix', () => {
    const { api } = front();
    expect(() => api.addGatewayResponses([BAD_BODY])).toThrow(/^RestApiFront orders-api-ext-1: addGatewayResponses\(\) after deploy\(\) would not be in the deployment\. Fix: call addGatewayResponses\(\) before deploy\(\)$/);
    expect(() => api.addModel('late', { name: 'Late', schema: {} })).toThrow(/^RestApiFront orders-api-ext-1: addModel\(\)/);
  });
});

describe('queue policy grants', () => {
  function queueJson(grant: (queue: SecureQueue, policy: QueuePolicy) => void) {
    const stack = new BaseStack(Testing.app(), 'queues', { config });
    const key = new EncryptionKey(stack, 'key', { name: 'q-key', description: 'queues', services: ['sqs'] });
    const queue = new SecureQueue(stack, 'queue', { name: 'orders-queue', kmsKeyArn: key.arn });
    const plain = new SqsQueue(stack, 'plain', { name: 'plain' });
    grant(queue, new QueuePolicy(stack, 'plain-policy', plain));
    return synthJson(stack);
  }
  const statements = (json: SynthJson, id: string) => JSON.parse(String((json.resource?.aws_sqs_queue_policy?.[id] as Json).policy)).Statement as Json[];

  it('a grant names the queue by its own ARN (never one spelled by hand) and the sender by its source ARN; TLS-only stays first', () => {
    const json = queueJson((queue, policy) => {
      queue.grantSendFrom('RuleSends', 'events.amazonaws.com', 'arn:aws:events:eu-west-1:123456789012:rule/orders');
      policy.grantSendFrom('RuleDeadLetters', 'events.amazonaws.com', 'arn:aws:events:eu-west-1:123456789012:rule/orders');
    });
    const policyId = Object.keys(json.resource?.aws_sqs_queue_policy ?? {}).find((k) => k.startsWith('queue_queue-policy')) as string;
    const [deny, allow] = statements(json, policyId);
    expect(deny).toMatchObject({ Sid: 'DenyInsecureTransport', Effect: 'Deny' });
    expect(allow).toMatchObject({ Sid: 'RuleSends', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:123456789012:rule/orders' } } });
    expect(allow.Resource).toMatch(/^\$\{aws_sqs_queue\.[^.]+\.arn\}$/);
    expect(allow.Resource).toBe(deny.Resource);
    expect(statements(json, 'plain-policy')[1]).toMatchObject({ Sid: 'RuleDeadLetters', Resource: '${aws_sqs_queue.plain.arn}' });
    // The DLQ's policy gets no grant.
    const dlqId = Object.keys(json.resource?.aws_sqs_queue_policy ?? {}).find((k) => k.startsWith('queue_dlq-policy')) as string;
    expect(statements(json, dlqId)).toHaveLength(1);
  });

  it('the same sid twice fails, naming the construct, the problem and the fix', () => {
    expect(() =>
      queueJson((queue) => {
        queue.grantSendFrom('RuleSends', 'events.amazonaws.com', 'arn:a');
        queue.grantSendFrom('RuleSends', 'events.amazonaws.com', 'arn:b');
      }),
    ).toThrow(/^QueuePolicy .*queue-policy: statement id "RuleSends" is already in the policy\. Fix: give each grant its own sid$/);
  });
});

describe('EncryptionKey and SecureBucket in another Region', () => {
  it('a key and a bucket take the provider of another Region; a key there refuses service statements', () => {
    const stack = new BaseStack(Testing.app(), 'regions', { config });
    const replica = new AwsProvider(stack, 'replica', { alias: 'replica', region: 'us-west-2' });
    const key = new EncryptionKey(stack, 'replica-key', { name: 'replica-key', description: 'replica', provider: replica });
    new SecureBucket(stack, 'bucket', { bucketName: 'replica-bucket-ext-1', kmsKeyArn: key.arn, provider: replica });
    expect(() => new EncryptionKey(stack, 'bad', { name: 'bad-key', description: 'bad', provider: replica, services: ['logs'] })).toThrow(
      /^EncryptionKey bad-key: services \[logs\] with a provider of another Region .*Fix: /,
    );
    const json = synthJson(stack);
    for (const type of ['aws_kms_key', 'aws_kms_alias', 'aws_s3_bucket', 'aws_s3_bucket_policy', 'aws_s3_bucket_versioning']) {
      for (const r of resourcesOf(json, type)) expect(r.provider).toBe('aws.replica');
    }
    expect(JSON.parse(String(onlyResource(json, 'aws_kms_key').policy)).Statement.map((s: Json) => s.Sid)).toEqual(['AccountAdministers']);
  });
});

describe('addOutputs', () => {
  it('flat outputs with stable ids; undefined values are left out; sensitive ones are marked', () => {
    const stack = new BaseStack(Testing.app(), 'outputs', { config });
    addOutputs(stack, { fooUrl: 'https://example.test', fooAbsent: undefined }, { fooSecret: 'x', fooNoSecret: undefined });
    const json = synthJson(stack);
    expect(json.output).toEqual({ fooUrl: { value: 'https://example.test' }, fooSecret: { value: 'x', sensitive: true } });
  });
});
