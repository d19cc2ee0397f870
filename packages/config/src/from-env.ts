import { ConfigError } from './errors';
import { getEnvironmentConfig, type EnvironmentInput } from './environment-config';
import { resolveRegion } from './region';
import type { EnvironmentConfig } from './types';

/** One documented environment variable; README's configuration table lists exactly these. */
export interface EnvVarDoc {
  readonly name: string;
  readonly default: string;
  readonly effect: string;
}

/** Every environment variable the app reads at synth time (tap.ts is the only reader). */
export const ENV_VARS: readonly EnvVarDoc[] = [
  { name: 'ENVIRONMENT_SUFFIX', default: 'dev', effect: 'Suffix on every physical name and the state key; 3-20 of a-z, 0-9, "-".' },
  { name: 'ENVIRONMENT_PROFILE', default: 'dev', effect: 'Selects settings: dev, pr or production. Never inferred from the suffix.' },
  { name: 'AWS_REGION', default: 'AWS_REGION file, else us-east-1', effect: 'Deploy region.' },
  { name: 'ENVIRONMENT_NAME', default: 'the suffix', effect: 'Value of the Environment tag.' },
  { name: 'TF_STATE_BUCKET', default: '(unset: local state)', effect: 'S3 backend with native lock files (use_lockfile) and required_version >= 1.11.' },
  { name: 'TF_STATE_BUCKET_REGION', default: 'the deploy region', effect: 'Region of the state bucket.' },
  { name: 'TF_STATE_KEY_PREFIX', default: '(empty)', effect: 'Prefix of the state key <prefix><suffix>/<stack>.tfstate.' },
  { name: 'TF_STATE_LOCK_TABLE', default: '(unset)', effect: 'Legacy DynamoDB lock table, only for older setups (deprecated in Terraform 1.11).' },
  { name: 'ALERT_EMAIL', default: '(unset: no subscription)', effect: 'Email subscribed to each stack\'s alarm topic.' },
  { name: 'CORS_ORIGINS', default: 'https://example.com', effect: 'Comma-separated allowed origins for the APIs; https only (never *) in production.' },
  { name: 'API_ALLOWED_PRINCIPALS', default: '(unset: the deploying account)', effect: 'Who may call the payment and REST APIs (resource policy): account ids, IAM role/user ARNs, o-... or an OU path, comma-separated.' },
  { name: 'ENABLE_WAF', default: 'production: true, else false', effect: 'WAF web ACL (common rules, known bad inputs, rate per client IP) on every public API stage.' },
  { name: 'WAF_RATE_LIMIT', default: '2000', effect: 'Requests per client IP per 5 minutes before WAF blocks.' },
  { name: 'API_STAGE_NAME', default: 'api', effect: 'API Gateway stage name.' },
  { name: 'SHARED_NETWORK_NAME', default: 'shared', effect: 'Network tag of the shared VPC that pr-profile environments attach to.' },
  { name: 'ENABLE_REPLICATION', default: 'false', effect: 'Cross-region replication of the REST API bucket; needs REPLICATION_REGION.' },
  { name: 'REPLICATION_REGION', default: '(unset)', effect: 'Replica region when replication is on.' },
  { name: 'ENABLE_ACCOUNT_SINGLETONS', default: 'false', effect: 'Create account-wide singletons (aws_api_gateway_account). One environment per account at most.' },
  { name: 'CUSTOM_DOMAIN_NAME', default: '(unset)', effect: 'Custom domain of the event pipeline API; needs HOSTED_ZONE_ID.' },
  { name: 'HOSTED_ZONE_ID', default: '(unset)', effect: 'Route 53 hosted zone of CUSTOM_DOMAIN_NAME.' },
  { name: 'ACCOUNT_CONCURRENCY_LIMIT', default: '1000', effect: 'The account\'s Lambda concurrent-execution quota in the Region; synth fails when the reservations do not fit (a new account may have 10).' },
  { name: 'RESERVED_CONCURRENCY', default: 'on', effect: 'off reserves no concurrency for any function: the way to deploy into an account whose quota is 10.' },
  { name: 'PLANNED_ENVIRONMENTS', default: 'from the profile', effect: 'Concurrent environments of this profile, for the reserved-concurrency budget.' },
];

type Env = Readonly<Record<string, string | undefined>>;

function bool(env: Env, name: string): boolean | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `"${raw}" is not a boolean`, 'use true or false');
}

function onOff(env: Env, name: string): boolean | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (['on', 'true', '1'].includes(raw.toLowerCase())) return true;
  if (['off', 'false', '0'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `"${raw}" is neither on nor off`, 'use on or off');
}

function int(env: Env, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `"${raw}" is not a whole number`, 'use digits only, e.g. 10');
  return Number(raw);
}

function str(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

/** Maps the process environment to an EnvironmentInput (no defaults decided here). */
export function inputFromEnv(env: Env, repoRoot?: string): EnvironmentInput {
  const suffix = env.ENVIRONMENT_SUFFIX;
  return {
    // An explicitly empty suffix is a mistake, not a request for the default.
    ...(suffix !== undefined ? { suffix } : {}),
    profile: str(env, 'ENVIRONMENT_PROFILE'),
    region: resolveRegion({ env: str(env, 'AWS_REGION'), repoRoot }),
    environmentName: str(env, 'ENVIRONMENT_NAME'),
    stateBucket: str(env, 'TF_STATE_BUCKET'),
    stateBucketRegion: str(env, 'TF_STATE_BUCKET_REGION'),
    stateKeyPrefix: str(env, 'TF_STATE_KEY_PREFIX'),
    stateLockTable: str(env, 'TF_STATE_LOCK_TABLE'),
    alertEmail: str(env, 'ALERT_EMAIL'),
    corsOrigins: str(env, 'CORS_ORIGINS')?.split(',').map((o) => o.trim()).filter(Boolean),
    allowedPrincipals: str(env, 'API_ALLOWED_PRINCIPALS')?.split(',').map((p) => p.trim()).filter(Boolean),
    waf: bool(env, 'ENABLE_WAF'),
    wafRateLimit: int(env, 'WAF_RATE_LIMIT'),
    stageName: str(env, 'API_STAGE_NAME'),
    sharedNetworkName: str(env, 'SHARED_NETWORK_NAME'),
    replication: bool(env, 'ENABLE_REPLICATION'),
    replicationRegion: str(env, 'REPLICATION_REGION'),
    accountSingletons: bool(env, 'ENABLE_ACCOUNT_SINGLETONS'),
    customDomainName: str(env, 'CUSTOM_DOMAIN_NAME'),
    hostedZoneId: str(env, 'HOSTED_ZONE_ID'),
    plannedEnvironments: int(env, 'PLANNED_ENVIRONMENTS'),
    accountConcurrencyLimit: int(env, 'ACCOUNT_CONCURRENCY_LIMIT'),
    reservedConcurrency: onOff(env, 'RESERVED_CONCURRENCY'),
  };
}

/** The config for the current process: the single place synth-time environment variables are read. */
export function configFromEnv(env: Env, repoRoot?: string): EnvironmentConfig {
  return getEnvironmentConfig(inputFromEnv(env, repoRoot));
}
