/**
 * Stateful resources (tables, buckets, KMS keys, backup vaults) carry lifecycle.prevent_destroy exactly
 * where the profile asks for it: every one in production, none in the ephemeral profiles. Driven by
 * `protection.preventDestroy` in packages/config, never by the suffix.
 */
import { ConfigError, getEnvironmentConfig, STATEFUL_RESOURCE_TYPES, type EnvironmentInput } from '@tap/config';
import { appStacks, SHARED_SUFFIX } from '../../helpers/shared-synth';

interface Found {
  readonly address: string;
  readonly preventDestroy: boolean;
}

/** Every stateful resource of the whole app as `<stack>.<type>.<id>`, with its prevent_destroy. */
function statefulResources(input: EnvironmentInput): Found[] {
  const found: Found[] = [];
  for (const { name, json } of appStacks(input)) {
    for (const type of STATEFUL_RESOURCE_TYPES) {
      for (const [id, resource] of Object.entries(json.resource?.[type] ?? {})) {
        const lifecycle = resource.lifecycle as { prevent_destroy?: boolean } | undefined;
        found.push({ address: `${name}.${type}.${id}`, preventDestroy: lifecycle?.prevent_destroy === true });
      }
    }
  }
  return found;
}

const countByType = (found: Found[]): Record<string, number> =>
  found.reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.address.split('.')[1]]: (acc[f.address.split('.')[1]] ?? 0) + 1 }), {});

describe('prevent_destroy on stateful resources', () => {
  const production = statefulResources({ suffix: SHARED_SUFFIX, profile: 'production' });

  it('production: the five tables, the data bucket, the four KMS keys and the three backup vaults are all found', () => {
    expect(countByType(production)).toEqual({ aws_dynamodb_table: 5, aws_s3_bucket: 1, aws_kms_key: 4, aws_backup_vault: 3 });
  });

  it('production: every stateful resource has lifecycle.prevent_destroy', () => {
    expect(production.filter((f) => !f.preventDestroy).map((f) => f.address)).toEqual([]);
  });

  it('production with replication: the replica bucket is protected too', () => {
    const found = statefulResources({ suffix: 'pd-repl', profile: 'production', replication: true, replicationRegion: 'us-west-2' });
    expect(countByType(found).aws_s3_bucket).toBe(2);
    expect(found.filter((f) => !f.preventDestroy).map((f) => f.address)).toEqual([]);
  });

  it.each(['dev', 'pr'])('%s: no stateful resource has prevent_destroy (ephemeral profiles stay destroyable)', (profile) => {
    const found = statefulResources({ suffix: SHARED_SUFFIX, profile });
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((f) => f.preventDestroy).map((f) => f.address)).toEqual([]);
  });

  it('the suffix does not decide: a dev-profile copy named "prod" has no prevent_destroy', () => {
    expect(statefulResources({ suffix: 'prod' }).some((f) => f.preventDestroy)).toBe(false);
  });

  it('the documented override releases exactly the listed resource and nothing else', () => {
    const released = 'rest-api.aws_dynamodb_table.items_table_DFBE72E0';
    expect(production.map((f) => f.address)).toContain(released);
    const found = statefulResources({ suffix: SHARED_SUFFIX, profile: 'production', overrides: { protection: { releasedFromPreventDestroy: [released] } } });
    expect(found.filter((f) => !f.preventDestroy).map((f) => f.address)).toEqual([released]);
  });

  it('bad protection settings are rejected naming the field and the fix', () => {
    expect(() => getEnvironmentConfig({ profile: 'pr', overrides: { protection: { preventDestroy: true } } })).toThrow(ConfigError);
    expect(() => getEnvironmentConfig({ profile: 'pr', overrides: { protection: { preventDestroy: true } } })).toThrow(/protection\.preventDestroy.*ephemeral.*Fix/);
    expect(() => getEnvironmentConfig({ profile: 'production', overrides: { protection: { releasedFromPreventDestroy: ['items_table'] } } })).toThrow(
      /protection\.releasedFromPreventDestroy: "items_table" is not <stack>\.<type>\.<logical id>/,
    );
  });
});
