/** Names of the built-in profiles. The suffix never selects one; `ENVIRONMENT_PROFILE` does. */
export type ProfileName = 'dev' | 'pr' | 'production';

export type BillingMode = 'PAY_PER_REQUEST' | 'PROVISIONED';

/** Keys of every Lambda function whose reserved concurrency the config controls. */
export type FunctionKey =
  | 'payment-api.create'
  | 'payment-api.status'
  | 'rest-api.items'
  | 'event-pipeline.authorizer'
  | 'event-pipeline.ingest'
  | 'event-pipeline.process';

/** Where Terraform state lives. Local by default; S3 with native lock files when a bucket is configured. */
export type BackendConfig =
  | {
      readonly kind: 'local';
      /** Directory (relative to the repo root) holding one state file per suffix and stack. Default `.state`. */
      readonly directory: string;
    }
  | {
      readonly kind: 's3';
      /** The state bucket (`TF_STATE_BUCKET`). */
      readonly bucket: string;
      /** Region of the state bucket (`TF_STATE_BUCKET_REGION`, default: the deploy region). */
      readonly region: string;
      /** Key prefix; the key is `<prefix><suffix>/<stack>.tfstate`. Default empty. */
      readonly keyPrefix: string;
      /** DynamoDB lock table (`TF_STATE_LOCK_TABLE`); deprecated by Terraform 1.11, only when set. */
      readonly lockTable?: string;
    };

/** The network an environment's VPC-bound functions use. */
export type NetworkConfig =
  | {
      /** This environment creates its own VPC (the VPC stack) and its API stacks attach to it. */
      readonly mode: 'own';
      /** VPC CIDR. Default `10.0.0.0/16`. */
      readonly vpcCidr: string;
      /** Extra prefix bits per subnet (16 + 4 = /20 subnets). Default 4. */
      readonly subnetNewBits: number;
      /** Availability zones used. Default 3. */
      readonly azCount: number;
      /** NAT gateways, 0..azCount. dev-like 0 (private subnets reach AWS through endpoints), production-like one per AZ. */
      readonly natGateways: number;
      /** Interface endpoints created in the VPC (e.g. `sqs`), for private subnets without NAT. Default `['sqs']` with no NAT. */
      readonly interfaceEndpoints: readonly string[];
      /** Subnets (by AZ index) that hold interface endpoint ENIs; one AZ keeps the idle cost to one hourly charge. Default 1. */
      readonly interfaceEndpointAzs: number;
      /** Value of the `Network` tag others find this VPC by. Default: the suffix. */
      readonly networkName: string;
    }
  | {
      /** Attach to an existing network (created once by a named environment of the VPC stack), found by its `Network` tag. */
      readonly mode: 'shared';
      /** `Network` tag of the shared VPC (`SHARED_NETWORK_NAME`, default `shared`). */
      readonly networkName: string;
    };

export interface ConcurrencyConfig {
  /** Reserved concurrency per function; a function not listed reserves none. */
  readonly reserved: Readonly<Partial<Record<FunctionKey, number>>>;
  /** The account's concurrent-execution quota per Region. Default 1000 (AWS default). */
  readonly accountLimit: number;
  /** Executions that must stay unreserved; AWS refuses to go below 100. Default 100. */
  readonly minUnreserved: number;
  /** How many environments of this profile are planned to run at once in one account and Region. */
  readonly plannedEnvironments: number;
}

export interface ApiConfig {
  /** API Gateway stage name. Default `api` (never the literal `prod`, PAY-02). */
  readonly stageName: string;
  /** Stage-wide throttling through method settings on `*` / `*` (requests per second). */
  readonly throttleRateLimit: number;
  /** Stage-wide burst. Default 2 x rate. */
  readonly throttleBurstLimit: number;
  /** Usage plan with API key (production-like only, REST-02). */
  readonly usagePlan: boolean;
  /** Usage-plan rate limit; burst is 2 x rate (REST-02). */
  readonly usagePlanRateLimit: number;
  /** Allowed CORS origins (`CORS_ORIGINS`, comma-separated). Default `['https://example.com']`, never `*`. */
  readonly corsOrigins: readonly string[];
  /**
   * Who may call the IAM-authorized APIs (payment API, REST API) through their resource policy
   * (`API_ALLOWED_PRINCIPALS`, comma-separated): 12-digit account ids, IAM role/user ARNs, an
   * organization id (`o-...`) or an OU path (`o-.../r-.../ou-...`). Default empty: the deploying account
   * (from `data.aws_caller_identity`, never a literal).
   */
  readonly allowedPrincipals: readonly string[];
  /** WAF web ACL on every public API stage (`ENABLE_WAF`). Default: on in production, off elsewhere. */
  readonly waf: boolean;
  /** Requests per client IP per 5-minute window before WAF blocks (`WAF_RATE_LIMIT`). Default 2000. */
  readonly wafRateLimit: number;
}

/**
 * Terraform-level protection of stateful resources (see `STATEFUL_RESOURCE_TYPES`). With `preventDestroy`
 * every stateful resource gets `lifecycle.prevent_destroy`, so a plan that would destroy or replace one
 * fails before anything is deleted.
 */
export interface ProtectionConfig {
  /** `lifecycle.prevent_destroy` on every stateful resource. production-like on; ephemeral profiles off. */
  readonly preventDestroy: boolean;
  /**
   * Resources released from `prevent_destroy` for one reviewed change, as `<stack>.<type>.<logical id>`
   * (e.g. `rest-api.aws_dynamodb_table.items_table_1A2B3C4D`). Set only in the profile, in a pull request that
   * says why, and removed again after the apply (docs/operations/delivery.md). Default none.
   */
  readonly releasedFromPreventDestroy: readonly string[];
}

export interface EnvironmentConfig {
  /** The environment suffix carried by every physical name and the state key. Default `dev`. */
  readonly suffix: string;
  /** The selected profile. Default `dev`. */
  readonly profile: ProfileName;
  /** Whether the profile is production-like (affects only documented settings). */
  readonly productionLike: boolean;
  /** Deploy region. */
  readonly region: string;
  /** Project tag and name prefix of shared artefacts. Default `tap`. */
  readonly project: string;
  /** `Environment` tag. Default: the suffix. */
  readonly environmentName: string;
  /** `CostCenter` tag (FND-07). Default `engineering`. */
  readonly costCenter: string;
  readonly backend: BackendConfig;
  readonly network: NetworkConfig;
  readonly concurrency: ConcurrencyConfig;
  readonly api: ApiConfig;
  readonly dynamodb: {
    /** Billing mode; on-demand by default (FND-04). */
    readonly billingMode: BillingMode;
    /** Required with PROVISIONED. */
    readonly readCapacity?: number;
    /** Required with PROVISIONED. */
    readonly writeCapacity?: number;
    /** Point-in-time recovery (REST-10): production-like on. */
    readonly pointInTimeRecovery: boolean;
    /** Deletion protection: production-like only, so ephemeral copies destroy cleanly. */
    readonly deletionProtection: boolean;
    /** Daily AWS Backup plan for the tables (production-like). */
    readonly backupPlan: boolean;
    /**
     * Shards of the REST API's item list index (`by-created`): item writes spread over this many index
     * partition keys, each good for 1,000 writes/s; `GET /items` costs one Query per shard per page.
     * Fixed for the life of a table (changing it needs a backfill of `listKey`). 1 to 64.
     */
    readonly itemListShards: number;
  };
  readonly storage: {
    /** Days before objects expire (FND-12). */
    readonly bucketLifecycleDays: number;
    /** Cross-region replication (FND-03): off by default. */
    readonly replication: {
      readonly enabled: boolean;
      /** Required when enabled. */
      readonly region?: string;
      /** S3 Replication Time Control, a premium feature: off unless asked. */
      readonly replicationTimeControl: boolean;
    };
  };
  readonly alarms: {
    /** Scales every alarm threshold (FND-11). */
    readonly thresholdMultiplier: number;
    /** Email subscribed to the alarm topic (`ALERT_EMAIL`); absent means no subscription. */
    readonly email?: string;
  };
  readonly logs: {
    /** Retention of every log group the stacks create. */
    readonly retentionDays: number;
  };
  readonly kms: {
    /** KMS key deletion window: 7 days in ephemeral profiles. */
    readonly deletionWindowDays: number;
  };
  /** Ephemeral environments must destroy without leftovers: buckets force-destroy, no deletion protection. */
  readonly ephemeral: boolean;
  readonly protection: ProtectionConfig;
  /** Opt-in for account-wide singletons such as `aws_api_gateway_account`. Default false. */
  readonly accountSingletons: boolean;
  /** Optional custom domain for the event pipeline API (PIPE-12). */
  readonly customDomain?: {
    readonly domainName: string;
    readonly hostedZoneId: string;
  };
}
