import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConfigError,
  ENV_VARS,
  PROFILES,
  PROFILE_NAMES,
  configFromEnv,
  getEnvironmentConfig,
  resolveRegion,
  validateSuffix,
  Naming,
  buildTags,
} from '@tap/config';

describe('environment suffix (REST-08, FND-01)', () => {
  it.each(['pr4821', 'synth-4f2a', 'dev', 'prod', 'staging', 'abc'])('accepts any valid suffix: %s', (suffix) => {
    expect(getEnvironmentConfig({ suffix }).suffix).toBe(suffix);
  });

  it('prod with no profile gets the default profile: the suffix never selects settings', () => {
    const config = getEnvironmentConfig({ suffix: 'prod' });
    expect(config.profile).toBe('dev');
    expect(config.productionLike).toBe(false);
  });

  it.each([
    ['Bad_Suffix!', /must match/],
    ['', /is empty/],
    ['ab', /shorter than 3/],
    ['a-very-long-suffix-that-breaks-names', /over the 20 that keep every physical name/],
    ['1abc', /must match/],
    ['abc-', /must not end with a hyphen/],
    ['ab--c', /must not end with a hyphen or contain "--"/],
  ])('rejects %j naming the rule', (suffix, rule) => {
    expect(() => validateSuffix(suffix)).toThrow(rule);
    expect(() => validateSuffix(suffix)).toThrow(/^ENVIRONMENT_SUFFIX: /);
  });

  it('an explicitly empty ENVIRONMENT_SUFFIX is an error, not the default', () => {
    expect(() => configFromEnv({ ENVIRONMENT_SUFFIX: '' })).toThrow(/ENVIRONMENT_SUFFIX: is empty/);
  });

  it('defaults to dev when ENVIRONMENT_SUFFIX is not set', () => {
    expect(configFromEnv({}).suffix).toBe('dev');
  });
});

describe('profiles', () => {
  it('ENVIRONMENT_PROFILE selects the profile explicitly', () => {
    expect(configFromEnv({ ENVIRONMENT_SUFFIX: 'pr12', ENVIRONMENT_PROFILE: 'production' }).productionLike).toBe(true);
    expect(configFromEnv({ ENVIRONMENT_SUFFIX: 'prod', ENVIRONMENT_PROFILE: 'pr' }).profile).toBe('pr');
  });

  it('an unknown profile is an error listing the known ones', () => {
    expect(() => configFromEnv({ ENVIRONMENT_PROFILE: 'staging' })).toThrow(
      new ConfigError('ENVIRONMENT_PROFILE', 'unknown profile "staging"', `use one of: ${PROFILE_NAMES.join(', ')}`),
    );
    expect(() => configFromEnv({ ENVIRONMENT_PROFILE: 'staging' })).toThrow(/use one of: dev, pr, production/);
  });

  it('carries the dev/prod differences (decision 005)', () => {
    const dev = getEnvironmentConfig({ profile: 'dev' });
    const prod = getEnvironmentConfig({ profile: 'production' });
    expect(dev.concurrency.reserved['rest-api.items']).toBe(10);
    expect(prod.concurrency.reserved['rest-api.items']).toBe(100);
    expect([dev.api.usagePlan, prod.api.usagePlan]).toEqual([false, true]);
    expect([dev.dynamodb.pointInTimeRecovery, prod.dynamodb.pointInTimeRecovery]).toEqual([false, true]);
    expect(prod.alarms.thresholdMultiplier).toBeLessThan(dev.alarms.thresholdMultiplier);
  });

  it('ephemeral profiles destroy cleanly; production-like keeps data', () => {
    for (const name of PROFILE_NAMES) {
      const c = getEnvironmentConfig({ profile: name });
      expect(c.ephemeral).toBe(!c.productionLike);
      if (c.ephemeral) {
        expect(c.kms.deletionWindowDays).toBe(7);
        expect(c.dynamodb.deletionProtection).toBe(false);
      }
    }
  });

  it('FND-04: every profile defaults to on-demand billing', () => {
    for (const name of PROFILE_NAMES) expect(PROFILES[name].dynamodb.billingMode).toBe('PAY_PER_REQUEST');
  });

  it('the config object is immutable', () => {
    const config = getEnvironmentConfig();
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.api.corsOrigins)).toBe(true);
    expect(() => {
      (config as { suffix: string }).suffix = 'other';
    }).toThrow(TypeError);
  });
});

describe('validateEnvironmentConfig: consistency rules only (FND-05)', () => {
  it('FND-05: PROVISIONED without capacities is rejected', () => {
    expect(() => getEnvironmentConfig({ overrides: { dynamodb: { billingMode: 'PROVISIONED' } } })).toThrow(
      /dynamodb.readCapacity: PROVISIONED billing mode must specify read and write capacity/,
    );
    expect(() => getEnvironmentConfig({ overrides: { dynamodb: { billingMode: 'PROVISIONED', readCapacity: 5 } } })).toThrow(/dynamodb.writeCapacity/);
  });

  it('PROVISIONED with capacities is accepted in any profile (no environment-name restriction)', () => {
    const c = getEnvironmentConfig({ profile: 'dev', overrides: { dynamodb: { billingMode: 'PROVISIONED', readCapacity: 5, writeCapacity: 5 } } });
    expect(c.dynamodb.billingMode).toBe('PROVISIONED');
  });

  it('FND-05: replication without a region is rejected', () => {
    expect(() => getEnvironmentConfig({ replication: true })).toThrow(/^REPLICATION_REGION: ENABLE_REPLICATION=true needs a replica region\. Fix: set REPLICATION_REGION/);
    expect(() => configFromEnv({ ENABLE_REPLICATION: 'true' })).toThrow(/REPLICATION_REGION/);
  });

  it('replication is allowed in a dev-like profile when a region is given', () => {
    const c = getEnvironmentConfig({ replication: true, replicationRegion: 'us-west-2' });
    expect(c.storage.replication).toEqual({ enabled: true, region: 'us-west-2', replicationTimeControl: false });
  });

  it('replica region must differ from the deploy region', () => {
    expect(() => getEnvironmentConfig({ region: 'us-west-2', replication: true, replicationRegion: 'us-west-2' })).toThrow(/is the deploy region/);
  });

  it('rejects bad free-form inputs naming the variable', () => {
    expect(() => configFromEnv({ ALERT_EMAIL: 'not-an-email' })).toThrow(/^ALERT_EMAIL: "not-an-email" is not an email address/);
    expect(() => configFromEnv({ CORS_ORIGINS: 'javascript:alert(1)' })).toThrow(/api.corsOrigins/);
    expect(() => configFromEnv({ ENABLE_REPLICATION: 'maybe' })).toThrow(/ENABLE_REPLICATION: "maybe" is not a boolean/);
    expect(() => configFromEnv({ PLANNED_ENVIRONMENTS: 'ten' })).toThrow(/PLANNED_ENVIRONMENTS/);
    expect(() => configFromEnv({ CUSTOM_DOMAIN_NAME: 'events.example.com' })).toThrow(/^HOSTED_ZONE_ID: a custom domain needs both/);
    expect(() => configFromEnv({ AWS_REGION: 'moon-1' })).toThrow(/AWS_REGION: "moon-1" is not an AWS region code/);
    expect(() => getEnvironmentConfig({ overrides: { network: { natGateways: 4 } } })).toThrow(/network.natGateways: 4 is outside 0..3/);
  });

  it('messages name the variable a user sets, never an internal config path', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ ENABLE_REPLICATION: 'true' }, /^REPLICATION_REGION: /],
      [{ ENABLE_REPLICATION: 'true', REPLICATION_REGION: 'us-east-1', AWS_REGION: 'us-east-1' }, /^REPLICATION_REGION: is the deploy region us-east-1 \(AWS_REGION\)/],
      [{ API_STAGE_NAME: 'bad stage' }, /^API_STAGE_NAME: /],
      [{ HOSTED_ZONE_ID: 'Z0123456789ABCDEFGHIJ' }, /^CUSTOM_DOMAIN_NAME: /],
    ];
    for (const [env, message] of cases) expect(() => configFromEnv(env)).toThrow(message);
  });

  it('CUSTOM_DOMAIN_NAME must be a DNS name, HOSTED_ZONE_ID a zone id', () => {
    const zone = { HOSTED_ZONE_ID: 'Z0123456789ABCDEFGHIJ' };
    expect(() => configFromEnv({ ...zone, CUSTOM_DOMAIN_NAME: 'not a domain' })).toThrow(/^CUSTOM_DOMAIN_NAME: "not a domain" has no dot.*Fix: set a DNS name inside the hosted zone HOSTED_ZONE_ID/);
    expect(() => configFromEnv({ ...zone, CUSTOM_DOMAIN_NAME: 'events.not a domain.com' })).toThrow(/^CUSTOM_DOMAIN_NAME: .*has the label "not a domain"/);
    expect(() => configFromEnv({ ...zone, CUSTOM_DOMAIN_NAME: '-events.example.com' })).toThrow(/^CUSTOM_DOMAIN_NAME: /);
    expect(() => configFromEnv({ ...zone, CUSTOM_DOMAIN_NAME: 'events.example.123' })).toThrow(/not a top-level domain/);
    expect(() => configFromEnv({ CUSTOM_DOMAIN_NAME: 'events.example.com', HOSTED_ZONE_ID: '/hostedzone/Z01' })).toThrow(/^HOSTED_ZONE_ID: "\/hostedzone\/Z01" is not a Route 53 hosted zone id/);
    expect(configFromEnv({ ...zone, CUSTOM_DOMAIN_NAME: 'Events.Example.org' }).customDomain?.domainName).toBe('Events.Example.org');
  });

  it('TF_STATE_BUCKET must be an S3 bucket name', () => {
    expect(() => configFromEnv({ TF_STATE_BUCKET: 'Bad_Bucket' })).toThrow(/^TF_STATE_BUCKET: "Bad_Bucket" has uppercase letters.*Fix: use the name of an existing S3 bucket/);
    for (const bad of ['ab', 'bad_bucket', 'my..bucket', '192.168.0.1', '-bucket', 'xn--bucket', 'bucket-s3alias']) expect(() => configFromEnv({ TF_STATE_BUCKET: bad })).toThrow(/^TF_STATE_BUCKET: /);
    expect(configFromEnv({ TF_STATE_BUCKET: 'my-org.tf-state' }).backend).toMatchObject({ kind: 's3', bucket: 'my-org.tf-state' });
  });

  it('the pr profile refuses ENABLE_ACCOUNT_SINGLETONS=true; a long-lived profile may own them', () => {
    expect(() => configFromEnv({ ENVIRONMENT_PROFILE: 'pr', ENABLE_ACCOUNT_SINGLETONS: 'true' })).toThrow(/^ENABLE_ACCOUNT_SINGLETONS: true with ENVIRONMENT_PROFILE=pr.*Fix: unset ENABLE_ACCOUNT_SINGLETONS/);
    expect(configFromEnv({ ENVIRONMENT_PROFILE: 'production', ENABLE_ACCOUNT_SINGLETONS: 'true' }).accountSingletons).toBe(true);
    expect(configFromEnv({ ENVIRONMENT_PROFILE: 'pr' }).accountSingletons).toBe(false);
  });

  it('PIPE-05: reserved concurrency over the app budget fails naming the stacks and the sum', () => {
    expect(() => getEnvironmentConfig({ profile: 'dev', plannedEnvironments: 40 })).toThrow(
      /profile dev reserves 25 per environment \(rest-api=10, event-pipeline=15\) x 40 planned environments = 1000, over the 900 available/,
    );
    expect(() =>
      // PIPE-05's 100 + 50 + 75 in an account whose limit is still the new-account 300: 225 > 200 available.
      getEnvironmentConfig({ overrides: { concurrency: { reserved: { 'event-pipeline.ingest': 100, 'event-pipeline.process': 50, 'rest-api.items': 75 }, accountLimit: 300, plannedEnvironments: 1 } } }),
    ).toThrow(/reserves 225 per environment .* over the 200 available \(account limit 300 - 100 unreserved\)/);
  });

  it('every built-in profile fits its own budget', () => {
    for (const name of PROFILE_NAMES) expect(() => getEnvironmentConfig({ profile: name })).not.toThrow();
  });
});

describe('backend selection (PAY-01, VPC-03, FND-06)', () => {
  it('local state without a bucket', () => {
    expect(configFromEnv({}).backend).toEqual({ kind: 'local', directory: '.state' });
  });
  it('S3 with a bucket, region defaulting to the deploy region', () => {
    expect(configFromEnv({ TF_STATE_BUCKET: 'my-state', AWS_REGION: 'eu-west-1' }).backend).toEqual({ kind: 's3', bucket: 'my-state', region: 'eu-west-1', keyPrefix: '' });
  });
  it('a lock table only when explicitly configured', () => {
    expect(configFromEnv({ TF_STATE_BUCKET: 'org-tf-state', TF_STATE_LOCK_TABLE: 'locks' }).backend).toMatchObject({ kind: 's3', lockTable: 'locks' });
  });
});

describe('region resolution: explicit > AWS_REGION > AWS_REGION file > us-east-1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'region-'));
  writeFileSync(join(dir, 'AWS_REGION'), 'eu-central-1\n');
  it('explicit wins', () => expect(resolveRegion({ explicit: 'ap-south-1', env: 'us-west-2', repoRoot: dir })).toBe('ap-south-1'));
  it('env next', () => expect(resolveRegion({ env: 'us-west-2', repoRoot: dir })).toBe('us-west-2'));
  it('file next', () => expect(resolveRegion({ repoRoot: dir })).toBe('eu-central-1'));
  it('default last', () => expect(resolveRegion({ repoRoot: join(dir, 'missing') })).toBe('us-east-1'));
});

describe('naming helper', () => {
  const naming = new Naming('pr4821', 'tap');
  it('appends the suffix', () => expect(naming.name('orders')).toBe('orders-pr4821'));
  it('enforces the Lambda limit of 64', () => {
    expect(() => naming.name('x'.repeat(60), 'lambda')).toThrow(/over the lambda limit of 64/);
  });
  it('enforces the S3 limit of 63 counting the 12-digit account id', () => {
    expect(naming.bucket('data', '${acct}')).toBe('tap-data-pr4821-${acct}');
    expect(() => naming.bucket('a-rather-long-bucket-base-name-that-overflows', '${acct}')).toThrow(/over the S3 limit of 63/);
  });
  it('rejects malformed base names', () => expect(() => naming.name('Orders_Table')).toThrow(/base names are lowercase/));
});

describe('tags (VPC-02, FND-07)', () => {
  it('come from config, never a literal Production', () => {
    const tags = buildTags(getEnvironmentConfig({ suffix: 'pr7', profile: 'production' }));
    expect(tags).toEqual({ Project: 'tap', Environment: 'pr7', EnvironmentSuffix: 'pr7', CostCenter: 'engineering', Profile: 'production', ManagedBy: 'cdktf' });
  });
});

describe('documented environment variables', () => {
  it('README lists every variable tap.ts reads', () => {
    const readme = require('node:fs').readFileSync(join(__dirname, '../../../README.md'), 'utf8') as string;
    for (const v of ENV_VARS) expect(readme).toContain(`\`${v.name}\``);
  });
});
