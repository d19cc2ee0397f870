import { SHARED_SUFFIX } from '../../helpers/shared-synth';
import { check, synthApp, results } from './synth';

// Each test synthesizes or checks whole apps: seconds each on a shared 2-core machine.
jest.setTimeout(120_000);

// Every runtime interaction of every profile is authorized and reachable (pnpm access runs the same).
const dev = synthApp({ suffix: SHARED_SUFFIX, profile: 'dev' });
const pr = synthApp({ suffix: SHARED_SUFFIX, profile: 'pr' });
const shared = synthApp({ suffix: 'shared', profile: 'dev' });
const production = synthApp({ suffix: SHARED_SUFFIX, profile: 'production' });
const options = synthApp({
  suffix: 'acc-opts', profile: 'production', replication: true, replicationRegion: 'us-west-2',
  customDomainName: 'events.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ', accountSingletons: true,
});

describe('pnpm access over every profile', () => {
  it.each([
    ['dev', dev, undefined],
    ['pr (shared network)', pr, shared],
    ['production', production, undefined],
    ['all options', options, undefined],
  ] as const)('%s: no interaction is denied', async (_name, synth, network) => {
    const report = await check(synth.stacks, synth, network);
    expect(report.results.filter((r) => r.decision === 'DENY').map((r) => `${r.interaction.summary}: ${r.reason}`)).toEqual([]);
    expect(report.results.length).toBeGreaterThan(80);
  });

  it('the only UNKNOWNs without account singletons are the stages waiting for the account CloudWatch role', async () => {
    const report = await check(dev.stacks, dev);
    expect(report.results.filter((r) => r.decision === 'UNKNOWN').map((r) => r.interaction.kind)).toEqual(['apigw-stage-logs', 'apigw-stage-logs', 'apigw-stage-logs']);
  });

  it('covers each interaction kind the app has', async () => {
    const kinds = new Set((await check(options.stacks, options)).results.map((r) => r.interaction.kind));
    for (const kind of ['sdk-call', 'lambda-trust', 'lambda-logs', 'lambda-xray', 'lambda-eni', 'lambda-env-key', 'sqs-event-source', 'apigw-invoke', 'apigw-authorizer', 'apigw-stage-logs', 'logs-cmk', 'alarm-topic', 'eventbridge-target', 'flow-log', 'backup', 's3-replication']) {
      expect({ kind, present: kinds.has(kind as never) }).toEqual({ kind, present: true });
    }
  });

  it('production payment functions need no public egress: every call they make goes through the DynamoDB gateway endpoint', async () => {
    const calls = results(await check(production.stacks, production), 'sdk-call', 'payment-api-create');
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.decision).toBe('ALLOW');
      expect(call.network?.reason).toMatch(/^gateway endpoint .*dynamodb/);
    }
  });

  it('dev payment functions reach DynamoDB through the gateway endpoint', async () => {
    const report = await check(dev.stacks, dev);
    expect(results(report, 'sdk-call', `payment-api-status-${SHARED_SUFFIX} calls dynamodb:GetItem`)[0].network?.reason).toMatch(/^gateway endpoint .*dynamodb/);
  });

  it('pr payment functions reach DynamoDB through the shared network; without its synth the path is UNKNOWN', async () => {
    expect(results(await check(pr.stacks, pr, shared), 'sdk-call', 'payment-api-status')[0].decision).toBe('ALLOW');
    expect(results(await check(pr.stacks, pr), 'sdk-call', 'payment-api-status')[0].reason).toMatch(/looked up at plan time/);
  });

  it('ENABLE_ACCOUNT_SINGLETONS: every API stage (payment, REST, pipeline) is created after aws_api_gateway_account', async () => {
    const stages = results(await check(options.stacks, options), 'apigw-stage-logs');
    expect(stages.map((r) => [r.interaction.stack, r.decision])).toEqual([['event-pipeline', 'ALLOW'], ['payment-api', 'ALLOW'], ['rest-api', 'ALLOW']]);
  });
});
