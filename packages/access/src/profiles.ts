/**
 * The synths `pnpm access` checks: each built-in profile, and one with every optional feature on
 * (replication, custom domain, account singletons), as the deploy rehearsal builds it. `pr` attaches to
 * the shared network, so its network lookups are answered by the synth of that network (the VPC stack
 * of suffix `shared`, profile `dev`: README "Network").
 */
export interface AccessProfile {
  readonly name: string;
  readonly env: Readonly<Record<string, string>>;
  /** Environment of the synth whose stacks answer this profile's network lookups. */
  readonly networkEnv?: Readonly<Record<string, string>>;
}

export const ACCESS_PROFILES: readonly AccessProfile[] = [
  { name: 'dev', env: { ENVIRONMENT_PROFILE: 'dev', ENVIRONMENT_SUFFIX: 'dev' } },
  { name: 'pr', env: { ENVIRONMENT_PROFILE: 'pr', ENVIRONMENT_SUFFIX: 'pr1' }, networkEnv: { ENVIRONMENT_PROFILE: 'dev', ENVIRONMENT_SUFFIX: 'shared' } },
  { name: 'production', env: { ENVIRONMENT_PROFILE: 'production', ENVIRONMENT_SUFFIX: 'prod' } },
  {
    name: 'all-options',
    env: {
      ENVIRONMENT_PROFILE: 'production', ENVIRONMENT_SUFFIX: 'opts', ENABLE_REPLICATION: 'true', REPLICATION_REGION: 'us-west-2',
      CUSTOM_DOMAIN_NAME: 'events.example.com', HOSTED_ZONE_ID: 'Z0123456789ABCDEFGHIJ', ENABLE_ACCOUNT_SINGLETONS: 'true', ALERT_EMAIL: 'oncall@example.com',
    },
  },
];
