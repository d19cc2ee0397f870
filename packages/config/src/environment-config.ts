import { ConfigError } from './errors';
import { validateUserSettings } from './user-settings';
import { DEFAULT_PROFILE, PROFILES, PROFILE_NAMES } from './profiles';
import { validateRegion, DEFAULT_REGION } from './region';
import { validateSuffix } from './suffix';
import type { BackendConfig, EnvironmentConfig, NetworkConfig, ProfileName } from './types';

/** Everything that selects or adjusts an environment. Only the suffix and profile are commonly set. */
export interface EnvironmentInput {
  /** Environment suffix. Default `dev`. */
  readonly suffix?: string;
  /** Profile name; when absent the default profile (`dev`) is used, whatever the suffix. */
  readonly profile?: string;
  /** Deploy region (already resolved). Default us-east-1. */
  readonly region?: string;
  /** `Environment` tag value. Default: the suffix. */
  readonly environmentName?: string;
  /** S3 state bucket; when absent state is local. */
  readonly stateBucket?: string;
  /** Region of the state bucket. Default: the deploy region. */
  readonly stateBucketRegion?: string;
  /** Prefix of the state key. Default empty. */
  readonly stateKeyPrefix?: string;
  /** Legacy DynamoDB lock table (deprecated by Terraform 1.11); only used with a state bucket. */
  readonly stateLockTable?: string;
  /** Alarm email. Default none (no subscription). */
  readonly alertEmail?: string;
  /** CORS origins. Default from the profile. */
  readonly corsOrigins?: readonly string[];
  /** Principals allowed by the APIs' resource policies. Default: the deploying account. */
  readonly allowedPrincipals?: readonly string[];
  /** WAF on the public API stages. Default from the profile (production on). */
  readonly waf?: boolean;
  /** WAF rate limit per client IP per 5 minutes. Default 2000. */
  readonly wafRateLimit?: number;
  /** API stage name. Default from the profile (`api`). */
  readonly stageName?: string;
  /** `Network` tag of the shared VPC for shared-network profiles. Default `shared`. */
  readonly sharedNetworkName?: string;
  /** Turns on cross-region replication; requires `replicationRegion`. */
  readonly replication?: boolean;
  /** Replica region for cross-region replication. */
  readonly replicationRegion?: string;
  /** Opt in to account-wide singletons (`aws_api_gateway_account`). Default false. */
  readonly accountSingletons?: boolean;
  /** Custom domain for the event pipeline (both or neither). */
  readonly customDomainName?: string;
  readonly hostedZoneId?: string;
  /** Planned concurrent environments of this profile (for the concurrency budget). Default from the profile. */
  readonly plannedEnvironments?: number;
  /** The account's concurrent-execution quota per Region (`ACCOUNT_CONCURRENCY_LIMIT`). Default 1000. */
  readonly accountConcurrencyLimit?: number;
  /** `false` reserves no concurrency for any function (`RESERVED_CONCURRENCY=off`). Default true. */
  readonly reservedConcurrency?: boolean;
  /** Free-form overrides applied last (tests, advanced use); validated like everything else. */
  readonly overrides?: ConfigOverrides;
}

/** A deep partial of the config, for overrides. */
export type ConfigOverrides = DeepPartial<EnvironmentConfig>;
type DeepPartial<T> = { -readonly [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** Validates a profile name, listing the known ones when it is not one. */
export function resolveProfile(name: string | undefined, field = 'ENVIRONMENT_PROFILE'): ProfileName {
  if (name === undefined || name === '') return DEFAULT_PROFILE;
  if ((PROFILE_NAMES as string[]).includes(name)) return name as ProfileName;
  throw new ConfigError(field, `unknown profile "${name}"`, `use one of: ${PROFILE_NAMES.join(', ')}`);
}

/**
 * Builds the one immutable EnvironmentConfig for ANY valid suffix (FND-01). The suffix never selects
 * settings: `prod` with no profile gets the default profile.
 */
export function getEnvironmentConfig(input: EnvironmentInput = {}): EnvironmentConfig {
  const suffix = validateSuffix(input.suffix ?? 'dev');
  const profileName = resolveProfile(input.profile);
  const settings = PROFILES[profileName];
  const region = validateRegion(input.region ?? DEFAULT_REGION, 'region');

  const backend: BackendConfig = input.stateBucket
    ? {
        kind: 's3',
        bucket: input.stateBucket,
        region: validateRegion(input.stateBucketRegion ?? region, 'TF_STATE_BUCKET_REGION'),
        keyPrefix: input.stateKeyPrefix ?? '',
        ...(input.stateLockTable ? { lockTable: input.stateLockTable } : {}),
      }
    : { kind: 'local', directory: '.state' };

  const network: NetworkConfig =
    settings.network.mode === 'own'
      ? {
          mode: 'own',
          vpcCidr: '10.0.0.0/16',
          subnetNewBits: 4,
          azCount: 3,
          natGateways: settings.network.natGateways,
          // Without NAT, private functions reach SQS through an interface endpoint (the payment API's audit queue).
          interfaceEndpoints: settings.network.natGateways === 0 ? ['sqs'] : [],
          interfaceEndpointAzs: 1,
          networkName: suffix,
        }
      : { mode: 'shared', networkName: input.sharedNetworkName ?? 'shared' };

  const base: EnvironmentConfig = {
    ...settings,
    suffix,
    region,
    environmentName: input.environmentName ?? suffix,
    backend,
    network,
    concurrency: {
      ...settings.concurrency,
      ...(input.plannedEnvironments !== undefined ? { plannedEnvironments: input.plannedEnvironments } : {}),
      ...(input.reservedConcurrency === false ? { reserved: {} } : {}),
      ...(input.accountConcurrencyLimit !== undefined
        ? { accountLimit: input.accountConcurrencyLimit, minUnreserved: minimumUnreserved(input.accountConcurrencyLimit) }
        : {}),
    },
    api: {
      ...settings.api,
      ...(input.stageName ? { stageName: input.stageName } : {}),
      ...(input.corsOrigins && input.corsOrigins.length > 0 ? { corsOrigins: [...input.corsOrigins] } : {}),
      ...(input.allowedPrincipals && input.allowedPrincipals.length > 0 ? { allowedPrincipals: [...input.allowedPrincipals] } : {}),
      ...(input.waf !== undefined ? { waf: input.waf } : {}),
      ...(input.wafRateLimit !== undefined ? { wafRateLimit: input.wafRateLimit } : {}),
    },
    storage: {
      ...settings.storage,
      replication: {
        ...settings.storage.replication,
        ...(input.replication !== undefined ? { enabled: input.replication } : {}),
        ...(input.replicationRegion ? { region: input.replicationRegion } : {}),
      },
    },
    alarms: { ...settings.alarms, ...(input.alertEmail ? { email: input.alertEmail } : {}) },
    accountSingletons: input.accountSingletons ?? settings.accountSingletons,
    ...(input.customDomainName || input.hostedZoneId
      ? { customDomain: { domainName: input.customDomainName ?? '', hostedZoneId: input.hostedZoneId ?? '' } }
      : {}),
  };

  const merged = input.overrides ? deepMerge(base, input.overrides) : base;
  validateEnvironmentConfig(merged);
  validateUserSettings(merged);
  return deepFreeze(merged);
}

const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const STAGE_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
const ORIGIN_PATTERN = /^https?:\/\/[a-z0-9.-]+(:\d+)?$/i;
/** What a resource policy can name: an account, a role or user, an organization, an OU path. */
const PRINCIPAL_PATTERNS = [
  /^\d{12}$/,
  /^arn:aws[a-z-]*:iam::\d{12}:(root|(role|user)\/[\w+=,.@/-]{1,512})$/,
  /^o-[a-z0-9]{10,32}$/,
  /^o-[a-z0-9]{10,32}\/r-[0-9a-z]{4,32}(\/ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})*\/?$/,
];

/**
 * Consistency rules only (FND-05): each rule checks that settings fit together, never which
 * environment may use which feature.
 */
export function validateEnvironmentConfig(config: EnvironmentConfig): void {
  const { dynamodb, storage, api, alarms, network, concurrency } = config;
  if (dynamodb.billingMode === 'PROVISIONED') {
    for (const field of ['readCapacity', 'writeCapacity'] as const) {
      const value = dynamodb[field];
      if (value === undefined || !Number.isInteger(value) || value < 1) {
        throw new ConfigError(`dynamodb.${field}`, 'PROVISIONED billing mode must specify read and write capacity', `set dynamodb.${field} to a positive integer, or use PAY_PER_REQUEST`);
      }
    }
  }
  if (!Number.isInteger(dynamodb.itemListShards) || dynamodb.itemListShards < 1 || dynamodb.itemListShards > 64) {
    throw new ConfigError('dynamodb.itemListShards', `${dynamodb.itemListShards} is not a whole number from 1 to 64`, 'use e.g. 4 (each shard takes 1,000 item writes/s; a page of GET /items costs one Query per shard)');
  }
  if (storage.replication.enabled) {
    if (!storage.replication.region) {
      throw new ConfigError('REPLICATION_REGION', 'ENABLE_REPLICATION=true needs a replica region', 'set REPLICATION_REGION (e.g. us-west-2) or unset ENABLE_REPLICATION');
    }
    validateRegion(storage.replication.region, 'REPLICATION_REGION');
    if (storage.replication.region === config.region) {
      throw new ConfigError('REPLICATION_REGION', `is the deploy region ${config.region} (AWS_REGION)`, 'choose a different region for the replica');
    }
  }
  if (storage.bucketLifecycleDays < 1 || !Number.isInteger(storage.bucketLifecycleDays)) {
    throw new ConfigError('storage.bucketLifecycleDays', 'must be a positive whole number of days', 'set it to e.g. 30');
  }
  if (!(api.throttleRateLimit > 0) || !(api.throttleBurstLimit >= api.throttleRateLimit)) {
    throw new ConfigError('api.throttleBurstLimit', `rate ${api.throttleRateLimit} and burst ${api.throttleBurstLimit} do not fit`, 'use a positive rate and a burst at least as large');
  }
  if (!(api.usagePlanRateLimit > 0)) {
    throw new ConfigError('api.usagePlanRateLimit', 'must be positive', 'set a rate in requests per second');
  }
  if (!STAGE_PATTERN.test(api.stageName)) {
    throw new ConfigError('API_STAGE_NAME', `"${api.stageName}" is not a valid stage name`, 'use 1-128 letters, digits, "-" or "_"');
  }
  for (const origin of api.corsOrigins) {
    if (origin !== '*' && !ORIGIN_PATTERN.test(origin)) {
      throw new ConfigError('api.corsOrigins', `"${origin}" is not an origin`, 'use origins such as https://app.example.com, comma-separated in CORS_ORIGINS');
    }
    // A production API answers browsers only from named TLS origins: `*` or plain http would let any page
    // (or a network attacker) read the answers.
    if (config.productionLike && (origin === '*' || !origin.toLowerCase().startsWith('https://'))) {
      throw new ConfigError('CORS_ORIGINS', `"${origin}" is not allowed in profile ${config.profile}`, 'list https origins only, e.g. CORS_ORIGINS=https://app.example.com (never * or http://)');
    }
  }
  for (const principal of api.allowedPrincipals) {
    if (!PRINCIPAL_PATTERNS.some((p) => p.test(principal))) {
      throw new ConfigError(
        'API_ALLOWED_PRINCIPALS',
        `"${principal}" is not an account id, IAM role/user ARN, organization id or OU path`,
        'use e.g. 123456789012, arn:aws:iam::123456789012:role/orders-service, o-a1b2c3d4e5 or o-a1b2c3d4e5/r-ab12/ou-ab12-11111111, comma-separated; leave unset for the deploying account',
      );
    }
  }
  if (!Number.isInteger(api.wafRateLimit) || api.wafRateLimit < 10 || api.wafRateLimit > 2_000_000_000) {
    // WAF's own bounds for a rate-based rule's limit (per 5-minute window).
    throw new ConfigError('WAF_RATE_LIMIT', `${api.wafRateLimit} is outside 10..2000000000`, 'use requests per client IP per 5 minutes, e.g. 2000');
  }
  if (alarms.email !== undefined && !EMAIL_PATTERN.test(alarms.email)) {
    throw new ConfigError('ALERT_EMAIL', `"${alarms.email}" is not an email address`, 'set ALERT_EMAIL to an address such as oncall@example.com');
  }
  if (!(alarms.thresholdMultiplier > 0)) {
    throw new ConfigError('alarms.thresholdMultiplier', 'must be positive', 'use e.g. 1 (dev) or 0.75 (production)');
  }
  if (!LOG_RETENTION_DAYS.includes(config.logs.retentionDays)) {
    throw new ConfigError('logs.retentionDays', `${config.logs.retentionDays} is not a CloudWatch retention value`, `use one of ${LOG_RETENTION_DAYS.join(', ')}`);
  }
  if (config.kms.deletionWindowDays < 7 || config.kms.deletionWindowDays > 30) {
    throw new ConfigError('kms.deletionWindowDays', 'must be 7 to 30', 'use 7 for ephemeral environments');
  }
  if (network.mode === 'own') {
    if (!Number.isInteger(network.natGateways) || network.natGateways < 0 || network.natGateways > network.azCount) {
      throw new ConfigError('network.natGateways', `${network.natGateways} is outside 0..${network.azCount}`, 'use 0 (endpoints only), 1, or one per AZ');
    }
    if (network.azCount < 1 || network.azCount > 6) {
      throw new ConfigError('network.azCount', `${network.azCount} is outside 1..6`, 'use 3');
    }
  }
  if (config.customDomain && (!config.customDomain.domainName || !config.customDomain.hostedZoneId)) {
    throw new ConfigError(config.customDomain.domainName ? 'HOSTED_ZONE_ID' : 'CUSTOM_DOMAIN_NAME', 'a custom domain needs both a domain name and a hosted zone id', 'set both CUSTOM_DOMAIN_NAME and HOSTED_ZONE_ID, or neither');
  }
  validateProtection(config);
  validateConcurrencyBudget(config);
  if (!Number.isInteger(concurrency.plannedEnvironments) || concurrency.plannedEnvironments < 1) {
    throw new ConfigError('PLANNED_ENVIRONMENTS', 'must be a positive integer', 'set the number of environments of this profile that run at once');
  }
}

const RELEASED_ADDRESS = /^[a-z0-9-]+\.aws_[a-z0-9_]+\.[A-Za-z0-9_-]+$/;

/** prevent_destroy and the ephemeral promise exclude each other; released addresses must be exact. */
function validateProtection(config: EnvironmentConfig): void {
  const { protection } = config;
  if (config.ephemeral && protection.preventDestroy) {
    throw new ConfigError('protection.preventDestroy', `profile ${config.profile} is ephemeral and must stay destroyable`, 'turn preventDestroy off, or use a non-ephemeral profile');
  }
  for (const address of protection.releasedFromPreventDestroy) {
    if (!RELEASED_ADDRESS.test(address)) {
      throw new ConfigError('protection.releasedFromPreventDestroy', `"${address}" is not <stack>.<type>.<logical id>`, 'copy the address from the plan error, e.g. rest-api.aws_dynamodb_table.items_table_1A2B3C4D');
    }
  }
}

/**
 * Executions Lambda keeps unreserved in an account: 100, or the whole limit when the account's quota is
 * lower (a new account can start with a limit of 10, and then nothing can be reserved at all).
 */
export function minimumUnreserved(accountLimit: number): number {
  return Math.min(100, accountLimit);
}

/**
 * Reserved concurrency is a budget for the whole app per account (docs/architecture.md, departure 5;
 * docs/quotas.md): the sum over
 * every stack, times the environments of this profile planned to run at once, must leave at least
 * `minUnreserved` (100) executions unreserved.
 */
export function validateConcurrencyBudget(config: Pick<EnvironmentConfig, 'concurrency' | 'profile'>): void {
  const { reserved, accountLimit, minUnreserved, plannedEnvironments } = config.concurrency;
  const perStack = new Map<string, number>();
  let sum = 0;
  for (const [key, value] of Object.entries(reserved)) {
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0) {
      throw new ConfigError(`concurrency.reserved.${key}`, `${value} is not a whole number`, 'use a non-negative integer or remove the entry');
    }
    const stack = key.split('.')[0];
    perStack.set(stack, (perStack.get(stack) ?? 0) + value);
    sum += value;
  }
  const total = sum * plannedEnvironments;
  const available = accountLimit - minUnreserved;
  if (total > available) {
    const detail = [...perStack.entries()].map(([stack, n]) => `${stack}=${n}`).join(', ');
    throw new ConfigError(
      'concurrency.reserved',
      `profile ${config.profile} reserves ${sum} per environment (${detail}) x ${plannedEnvironments} planned environments = ${total}, over the ${available} available (account limit ${accountLimit} - ${minUnreserved} unreserved)`,
      accountLimit - minUnreserved <= 0
        ? `this account can reserve nothing (limit ${accountLimit}): deploy with RESERVED_CONCURRENCY=off, or ask AWS to raise the quota and set ACCOUNT_CONCURRENCY_LIMIT to it`
        : 'lower the reservations or the planned environments (PLANNED_ENVIRONMENTS), deploy with RESERVED_CONCURRENCY=off, or set ACCOUNT_CONCURRENCY_LIMIT to the account\'s real quota',
    );
  }
}

function deepMerge<T>(base: T, patch: unknown): T {
  if (patch === undefined) return base;
  if (Array.isArray(patch) || typeof patch !== 'object' || patch === null || typeof base !== 'object' || base === null || Array.isArray(base)) {
    return patch as T;
  }
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    out[key] = deepMerge((base as Record<string, unknown>)[key], value);
  }
  return out as T;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value as Record<string, unknown>)) deepFreeze(inner);
  }
  return value;
}
