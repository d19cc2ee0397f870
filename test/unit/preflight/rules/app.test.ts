import { ephemeralDynamodbProtection, ephemeralKmsWindow, ephemeralS3ForceDestroy, outputsFlat, outputsUnique, statefulPreventDestroy } from '@tap/preflight';
import { check, stack, title } from './helpers';

const prTags = { EnvironmentSuffix: 'pr42', Profile: 'pr' };
const prodTags = { EnvironmentSuffix: 'main', Profile: 'production' };

describe(title(outputsFlat), () => {
  it('compliant: strings, numbers, booleans and tokens', () => {
    expect(check(outputsFlat, stack({ output: { a: { value: 'x' }, b: { value: 3 }, c: { value: true }, d: { value: '${aws_sqs_queue.q.url}' } } }))).toEqual([]);
  });
  it('PIPE-20: object- and list-valued outputs are errors', () => {
    expect(check(outputsFlat, stack({ output: { cfg: { value: { api: 'x' } }, ids: { value: ['a', 'b'] } } })).map((f) => f.address)).toEqual(['output.cfg', 'output.ids']);
  });
});

describe(title(outputsUnique), () => {
  it('compliant: stack-prefixed keys', () => {
    expect(check(outputsUnique, [stack({ name: 'vpc', output: { vpcId: { value: 'x' } } }), stack({ name: 'api', output: { apiUrl: { value: 'y' } } })])).toEqual([]);
  });
  it('the same key in two stacks is an error in each', () => {
    const findings = check(outputsUnique, [stack({ name: 'vpc', output: { url: { value: 'x' } } }), stack({ name: 'api', output: { url: { value: 'y' } } })]);
    expect(findings.map((f) => `${f.stack}/${f.address}`)).toEqual(['vpc/output.url', 'api/output.url']);
  });
});

describe(title(ephemeralS3ForceDestroy), () => {
  const bucket = (force?: boolean) => ({ aws_s3_bucket: { b: { bucket: 'b-pr42', ...(force === undefined ? {} : { force_destroy: force }) } } });
  it('compliant: force_destroy in pr; not in production', () => {
    expect(check(ephemeralS3ForceDestroy, stack({ tags: prTags, resource: bucket(true) }))).toEqual([]);
    expect(check(ephemeralS3ForceDestroy, stack({ tags: prodTags, resource: bucket() }))).toEqual([]);
  });
  it('a pr bucket without force_destroy is an error; --ephemeral forces the check; production force_destroy warns', () => {
    expect(check(ephemeralS3ForceDestroy, stack({ tags: prTags, resource: bucket() }))).toMatchObject([{ severity: 'error' }]);
    expect(check(ephemeralS3ForceDestroy, stack({ tags: { EnvironmentSuffix: 'x' }, resource: bucket() }), { ephemeral: true })).toHaveLength(1);
    expect(check(ephemeralS3ForceDestroy, stack({ tags: prodTags, resource: bucket(true) }))).toMatchObject([{ severity: 'warning' }]);
  });
});

describe(title(ephemeralDynamodbProtection), () => {
  const table = (on: boolean) => ({ aws_dynamodb_table: { t: { deletion_protection_enabled: on } } });
  it('compliant: off in dev, on in production', () => {
    expect(check(ephemeralDynamodbProtection, stack({ resource: table(false) }))).toEqual([]);
    expect(check(ephemeralDynamodbProtection, stack({ tags: prodTags, resource: table(true) }))).toEqual([]);
  });
  it('deletion protection in a dev profile is an error', () => expect(check(ephemeralDynamodbProtection, stack({ resource: table(true) }))).toHaveLength(1));
});

describe(title(ephemeralKmsWindow), () => {
  it('compliant: 7 days in pr; 30 days in production', () => {
    expect(check(ephemeralKmsWindow, stack({ tags: prTags, resource: { aws_kms_key: { k: { deletion_window_in_days: 7 } } } }))).toEqual([]);
    expect(check(ephemeralKmsWindow, stack({ tags: prodTags, resource: { aws_kms_key: { k: { deletion_window_in_days: 30 } } } }))).toEqual([]);
  });
  it('the 30-day default or 10 days in pr is an error', () => {
    expect(check(ephemeralKmsWindow, stack({ tags: prTags, resource: { aws_kms_key: { k: {}, l: { deletion_window_in_days: 10 } } } }))).toHaveLength(2);
  });
});

describe(title(statefulPreventDestroy), () => {
  const table = (prevent?: boolean) => ({ aws_dynamodb_table: { t: { name: 't', ...(prevent === undefined ? {} : { lifecycle: { prevent_destroy: prevent } }) } } });
  it('compliant: none in pr; every stateful resource in production', () => {
    expect(check(statefulPreventDestroy, stack({ tags: prTags, resource: table() }))).toEqual([]);
    expect(check(statefulPreventDestroy, stack({ tags: prodTags, resource: { ...table(true), aws_kms_key: { k: { lifecycle: { prevent_destroy: true } } }, aws_sqs_queue: { q: {} } } }))).toEqual([]);
  });
  it('prevent_destroy in an ephemeral profile is an error (the environment could not be destroyed)', () => {
    expect(check(statefulPreventDestroy, stack({ tags: prTags, resource: table(true) }))).toMatchObject([{ severity: 'error', address: 'aws_dynamodb_table.t' }]);
    expect(check(statefulPreventDestroy, stack({ resource: { aws_sqs_queue: { q: { lifecycle: { prevent_destroy: true } } } } }))).toHaveLength(1);
  });
  it('a stateful production resource without it warns (a reviewed release still synthesizes)', () => {
    expect(check(statefulPreventDestroy, stack({ tags: prodTags, resource: { ...table(), aws_s3_bucket: { b: { bucket: 'b' } } } }))).toMatchObject([
      { severity: 'warning', address: 'aws_dynamodb_table.t' },
      { severity: 'warning', address: 'aws_s3_bucket.b' },
    ]);
  });
});
