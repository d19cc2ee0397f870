import { customDomainName, singletonSharedProfile, stateBucketName } from '@tap/preflight';
import { check, stack, title } from './helpers';

const s3State = (bucket: string) => stack({ terraform: { required_version: '>= 1.11.0', backend: { s3: { bucket, key: 'k', region: 'us-east-1', encrypt: true, use_lockfile: true } } } });
const domain = (name: string) => stack({ resource: { aws_api_gateway_domain_name: { domain: { domain_name: name } }, aws_acm_certificate: { certificate: { domain_name: name, validation_method: 'DNS' } } } });
const account = { aws_api_gateway_account: { account: { cloudwatch_role_arn: '${aws_iam_role.r.arn}' } } };
const tags = (profile: string) => ({ EnvironmentSuffix: 'pr12', Environment: 'pr12', Profile: profile, Project: 'tap', AccountSingletons: 'true' });

describe(title(stateBucketName), () => {
  it('compliant: a valid bucket name, a local backend, a token', () => {
    expect(check(stateBucketName, s3State('my-org-tf-state'))).toEqual([]);
    expect(check(stateBucketName, stack({}))).toEqual([]);
    expect(check(stateBucketName, s3State('${var.bucket}'))).toEqual([]);
  });
  it('TF_STATE_BUCKET=Bad_Bucket in the synthesized backend is an error naming the variable', () => {
    const [f] = check(stateBucketName, s3State('Bad_Bucket'));
    expect(f).toMatchObject({ address: 'terraform.backend.s3', severity: 'error' });
    expect(f.message).toMatch(/state bucket "Bad_Bucket" has uppercase letters.*Fix: set TF_STATE_BUCKET/);
    expect(check(stateBucketName, s3State('a'))).toHaveLength(1);
  });
});

describe(title(customDomainName), () => {
  it('compliant: a DNS name, a wildcard certificate, a token', () => {
    expect(check(customDomainName, domain('events.example.com'))).toEqual([]);
    expect(check(customDomainName, stack({ resource: { aws_acm_certificate: { c: { domain_name: '*.example.com' } } } }))).toEqual([]);
    expect(check(customDomainName, domain('${var.domain}'))).toEqual([]);
  });
  it("CUSTOM_DOMAIN_NAME='not a domain' in the domain and certificate is an error for each", () => {
    const findings = check(customDomainName, domain('not a domain'));
    expect(findings.map((f) => f.address).sort()).toEqual(['aws_acm_certificate.certificate', 'aws_api_gateway_domain_name.domain']);
    expect(findings[0].message).toMatch(/"not a domain" has no dot.*Fix: set CUSTOM_DOMAIN_NAME/);
  });
});

describe(title(singletonSharedProfile), () => {
  it('compliant: a production stack that owns the singleton; a pr stack without one', () => {
    expect(check(singletonSharedProfile, stack({ tags: tags('production'), resource: account }))).toEqual([]);
    expect(check(singletonSharedProfile, stack({ tags: tags('pr'), resource: {} }))).toEqual([]);
  });
  it('pr with ENABLE_ACCOUNT_SINGLETONS=true (default tag AccountSingletons=true) is still an error', () => {
    const [f] = check(singletonSharedProfile, stack({ tags: tags('pr'), resource: account }));
    expect(f).toMatchObject({ address: 'aws_api_gateway_account.account', severity: 'error' });
    expect(f.message).toMatch(/Fix: unset ENABLE_ACCOUNT_SINGLETONS for pr environments/);
  });
});
