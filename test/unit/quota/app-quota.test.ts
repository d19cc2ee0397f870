import { computeCapacity, measureUsage, quotaLine } from '@tap/quota';
import { splitProfile, synthesizeProfileCached } from '../../../packages/quota/src/synth';
import { SHARED_SUFFIX } from '../../helpers/shared-synth';

/**
 * FND-08 on the real app (whatever stacks tap.ts has): the profile pull-request environments use
 * fits at least 25 concurrent environments per account and Region at default quotas.
 */
describe('quota model on the real app', () => {
  // Any suffix gives the same counts (packages/quota/src/synth.ts): the tests' shared pr synth.
  const pr = splitProfile('pr', synthesizeProfileCached('pr', SHARED_SUFFIX));
  const result = computeCapacity(measureUsage(pr.perEnvironment), pr.shared.length > 0 ? measureUsage(pr.shared) : undefined);

  it('FND-08: the pr profile fits at least 25 environments per account and Region', () => {
    expect(result.environments).toBeGreaterThanOrEqual(25);
    expect(quotaLine('pr', result)).toMatch(/^quota: pr: (\d+|unbounded) environments per account and Region \(binding: .+\)$/);
  });

  it('FND-08: pr environments create no VPC, NAT gateway or Elastic IP; the shared network counts once', () => {
    const use = measureUsage(pr.perEnvironment).use;
    expect({ vpcs: use.vpcs, nats: use['nat-gateways-per-az'], eips: use['elastic-ips'] }).toEqual({ vpcs: 0, nats: 0, eips: 0 });
    expect(measureUsage(pr.shared).use.vpcs).toBe(1);
  });
});
