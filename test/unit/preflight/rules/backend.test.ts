import { backendLocking, backendOptions, defaultTagsSingle, minimumTerraformVersion as minimumTerraformVersionForTest } from '@tap/preflight';
import { check, stack, title } from './helpers';

const s3 = (backend: Record<string, unknown>, requiredVersion?: string) =>
  stack({ terraform: { ...(requiredVersion ? { required_version: requiredVersion } : {}), backend: { s3: { bucket: 'b', key: 'k', region: 'us-east-1', encrypt: true, ...backend } } } });

describe(title(backendOptions), () => {
  it('compliant: use_lockfile with required_version >= 1.11.0', () => {
    expect(check(backendOptions, s3({ use_lockfile: true }, '>= 1.11.0'))).toEqual([]);
  });
  it('compliant: local backend, and S3 without newer options on any pin', () => {
    expect(check(backendOptions, stack({}))).toEqual([]);
    expect(check(backendOptions, s3({ dynamodb_table: 'locks' }, '>= 1.5'))).toEqual([]);
  });
  it('PAY-01: use_lockfile with no required_version is an error naming the version', () => {
    const [f] = check(backendOptions, s3({ use_lockfile: true }));
    expect(f).toMatchObject({ address: 'terraform.backend.s3', severity: 'error' });
    expect(f.message).toMatch(/Terraform 1\.10.*no required_version/);
  });
  it('VPC-03: use_lockfile with required_version ">= 1.5" or "~> 1.9" is an error', () => {
    expect(check(backendOptions, s3({ use_lockfile: true }, '>= 1.5'))).toHaveLength(1);
    expect(check(backendOptions, s3({ use_lockfile: true }, '~> 1.9'))).toHaveLength(1);
  });
  it('an argument the S3 backend does not have is an error', () => {
    expect(check(backendOptions, s3({ use_lock_file: true, dynamodb_table: 't' }, '>= 1.11'))[0].message).toMatch(/no argument "use_lock_file"/);
  });
  it('reads the lower bound of version constraints', () => {
    expect(minimumTerraformVersionForTest('>= 1.11.0')).toEqual([1, 11]);
    expect(minimumTerraformVersionForTest('>= 1.5, < 2.0')).toEqual([1, 5]);
    expect(minimumTerraformVersionForTest('~> 1.10.2')).toEqual([1, 10]);
    expect(minimumTerraformVersionForTest('< 2.0')).toBeUndefined();
    expect(minimumTerraformVersionForTest(undefined)).toBeUndefined();
  });
});

describe(title(backendLocking), () => {
  it('compliant: use_lockfile, or a lock table on Terraform < 1.11', () => {
    expect(check(backendLocking, s3({ use_lockfile: true }, '>= 1.11.0'))).toEqual([]);
    expect(check(backendLocking, s3({ dynamodb_table: 'locks' }, '>= 1.5'))).toEqual([]);
  });
  it('FND-06: S3 backend without any lock is an error', () => {
    expect(check(backendLocking, s3({}, '>= 1.11.0'))).toMatchObject([{ severity: 'error', address: 'terraform.backend.s3' }]);
  });
  it('a DynamoDB lock table on a Terraform >= 1.11 pin is a deprecation warning', () => {
    expect(check(backendLocking, s3({ dynamodb_table: 'locks' }, '>= 1.11.0'))).toMatchObject([{ severity: 'warning' }]);
  });
});

describe(title(defaultTagsSingle), () => {
  it('compliant: one default_tags block', () => {
    expect(check(defaultTagsSingle, stack({}))).toEqual([]);
  });
  it('FND-02: two default_tags blocks are an error', () => {
    const twoBlocks = stack({ provider: { aws: [{ region: 'us-east-1', default_tags: [{ tags: { A: 'a' } }, { tags: { B: 'b' } }] }] } });
    expect(check(defaultTagsSingle, twoBlocks)).toMatchObject([{ address: 'provider.aws', severity: 'error' }]);
  });
});
