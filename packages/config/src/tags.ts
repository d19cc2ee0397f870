import type { EnvironmentConfig } from './types';

/**
 * The one tag set, applied through the AWS provider's `defaultTags` as a single `{ tags }` object
 * (FND-02). Every value comes from config: no literal `Production` (VPC-02).
 */
export function buildTags(config: Pick<EnvironmentConfig, 'project' | 'environmentName' | 'suffix' | 'costCenter' | 'profile'>): Readonly<Record<string, string>> {
  return Object.freeze({
    Project: config.project,
    Environment: config.environmentName,
    EnvironmentSuffix: config.suffix,
    CostCenter: config.costCenter,
    Profile: config.profile,
    ManagedBy: 'cdktf',
  });
}
