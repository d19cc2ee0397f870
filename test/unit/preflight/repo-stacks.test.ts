import { getEnvironmentConfig, PROFILE_NAMES } from '@tap/config';
import { formatTable, optionsFromConfig, runPreflight } from '@tap/preflight';
import { appStacks, SHARED_SUFFIX } from '../../helpers/shared-synth';

/**
 * `pnpm preflight` is clean on this repo's own stacks in every profile: the whole app synthesized with
 * each profile's config, checked with the budget and singleton opt-in from that config.
 */
describe('preflight on the repo\'s own stacks', () => {
  const withEveryOption = { replication: true, replicationRegion: 'us-west-2', accountSingletons: true, customDomainName: 'api.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ', alertEmail: 'ops@example.com', stateBucket: 'tap-terraform-state' };
  it.each([...PROFILE_NAMES.map((p) => [p, {}]), ['production', withEveryOption], ['pr', { alertEmail: 'ops@example.com', stateBucket: 'tap-terraform-state' }]] as [string, object][])('profile %s %j: 0 errors', (profile, options) => {
    const input = { suffix: SHARED_SUFFIX, profile, ...options };
    const report = runPreflight(appStacks(input), optionsFromConfig(getEnvironmentConfig(input)));
    expect(report.stacks.length).toBeGreaterThan(0);
    if (report.errors > 0) throw new Error(formatTable(report));
    expect(report.errors).toBe(0);
  }, 120_000);
});
