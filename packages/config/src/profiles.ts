import type { EnvironmentConfig, ProfileName } from './types';

/** Everything a profile decides; the suffix, region, backend and free-form inputs are added later. */
export type ProfileSettings = Omit<EnvironmentConfig, 'suffix' | 'region' | 'backend' | 'environmentName' | 'customDomain' | 'network'> & {
  readonly network:
    | { readonly mode: 'own'; readonly natGateways: number }
    | { readonly mode: 'shared' };
};

const common = {
  project: 'tap',
  costCenter: 'engineering',
  accountSingletons: false,
} as const;

/**
 * The built-in profiles. dev-like and production-like differences (docs/decisions/005-profile-decides-differences.md) live here and nowhere else;
 * README's profile table is generated from the same facts and checked by a unit test.
 */
export const PROFILES: Readonly<Record<ProfileName, ProfileSettings>> = {
  dev: {
    ...common,
    profile: 'dev',
    productionLike: false,
    network: { mode: 'own', natGateways: 0 },
    concurrency: {
      reserved: {
        'rest-api.items': 10,
        'event-pipeline.ingest': 10,
        'event-pipeline.process': 5,
      },
      accountLimit: 1000,
      minUnreserved: 100,
      plannedEnvironments: 4,
    },
    api: {
      stageName: 'api',
      throttleRateLimit: 50,
      throttleBurstLimit: 100,
      usagePlan: false,
      usagePlanRateLimit: 50,
      corsOrigins: ['https://example.com'],
      allowedPrincipals: [],
      waf: false,
      wafRateLimit: 2000,
    },
    dynamodb: { billingMode: 'PAY_PER_REQUEST', pointInTimeRecovery: false, deletionProtection: false, backupPlan: false, itemListShards: 4 },
    storage: { bucketLifecycleDays: 30, replication: { enabled: false, replicationTimeControl: false } },
    alarms: { thresholdMultiplier: 1 },
    logs: { retentionDays: 7 },
    kms: { deletionWindowDays: 7 },
    ephemeral: true,
    protection: { preventDestroy: false, releasedFromPreventDestroy: [] },
  },
  pr: {
    ...common,
    profile: 'pr',
    productionLike: false,
    // Pull-request copies attach to one shared network: no VPC, NAT gateway or EIP per copy (FND-08).
    network: { mode: 'shared' },
    concurrency: {
      // Reserving concurrency in every PR copy multiplies by the number of copies; none is reserved.
      reserved: {},
      accountLimit: 1000,
      minUnreserved: 100,
      plannedEnvironments: 25,
    },
    api: {
      stageName: 'api',
      throttleRateLimit: 20,
      throttleBurstLimit: 40,
      usagePlan: false,
      usagePlanRateLimit: 20,
      corsOrigins: ['https://example.com'],
      allowedPrincipals: [],
      waf: false,
      wafRateLimit: 2000,
    },
    dynamodb: { billingMode: 'PAY_PER_REQUEST', pointInTimeRecovery: false, deletionProtection: false, backupPlan: false, itemListShards: 2 },
    storage: { bucketLifecycleDays: 7, replication: { enabled: false, replicationTimeControl: false } },
    alarms: { thresholdMultiplier: 1 },
    logs: { retentionDays: 3 },
    kms: { deletionWindowDays: 7 },
    ephemeral: true,
    protection: { preventDestroy: false, releasedFromPreventDestroy: [] },
  },
  production: {
    ...common,
    profile: 'production',
    productionLike: true,
    network: { mode: 'own', natGateways: 3 },
    concurrency: {
      // The API method throttles are derived from these (packages/config/src/throttles.ts), so the stage
      // never admits more than a reservation carries; docs/capacity.md says what each one sustains.
      reserved: {
        'rest-api.items': 100,
        'event-pipeline.ingest': 10,
        'event-pipeline.process': 5,
      },
      accountLimit: 1000,
      minUnreserved: 100,
      plannedEnvironments: 1,
    },
    api: {
      stageName: 'api',
      throttleRateLimit: 1000,
      throttleBurstLimit: 2000,
      usagePlan: true,
      usagePlanRateLimit: 500,
      corsOrigins: ['https://example.com'],
      allowedPrincipals: [],
      waf: true,
      wafRateLimit: 2000,
    },
    dynamodb: { billingMode: 'PAY_PER_REQUEST', pointInTimeRecovery: true, deletionProtection: true, backupPlan: true, itemListShards: 16 },
    storage: { bucketLifecycleDays: 365, replication: { enabled: false, replicationTimeControl: false } },
    alarms: { thresholdMultiplier: 0.75 },
    logs: { retentionDays: 90 },
    kms: { deletionWindowDays: 30 },
    ephemeral: false,
    // Released resources go here, one reviewed change at a time (docs/operations/delivery.md#override).
    protection: { preventDestroy: true, releasedFromPreventDestroy: [] },
  },
};

/** The profile used when `ENVIRONMENT_PROFILE` is not set, whatever the suffix. */
export const DEFAULT_PROFILE: ProfileName = 'dev';

export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];
