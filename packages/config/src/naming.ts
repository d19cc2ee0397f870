import { ConfigError } from './errors';

/** AWS name length limits for the kinds of resource this repo names (each limit from the AWS service quotas of that resource). */
export const NAME_LIMITS = {
  lambda: 64,
  iamRole: 64,
  iamPolicy: 128,
  s3Bucket: 63,
  alb: 32,
  targetGroup: 32,
  sqsQueue: 80,
  snsTopic: 256,
  dynamodbTable: 255,
  logGroup: 512,
  eventBus: 256,
  eventRule: 64,
  apiGateway: 1024,
  kmsAlias: 256,
  lambdaLayer: 140,
  alarm: 255,
  securityGroup: 255,
  generic: 255,
} as const;

export type NameKind = keyof typeof NAME_LIMITS;

/** Length of a 12-digit account id when a name embeds one through a token. */
export const ACCOUNT_ID_LENGTH = 12;

const BASE_PATTERN = /^[a-z][a-z0-9-]*[a-z0-9]$/;

/**
 * The one naming helper: every physical name is `<base>-<suffix>` and is checked against its AWS limit
 * at synth, so an over-long suffix or base fails with the name and the limit instead of at deploy.
 */
export class Naming {
  constructor(
    /** The environment suffix appended to every name. */
    public readonly suffix: string,
    /** Project prefix used where a name must be globally unique (S3). */
    public readonly project: string,
  ) {}

  /** `name('orders')` → `orders-<suffix>`, checked against the limit for `kind` (default `generic`). */
  name(base: string, kind: NameKind = 'generic'): string {
    checkBase(base);
    return this.check(`${base}-${this.suffix}`, kind);
  }

  /**
   * A globally unique bucket name: `<project>-<base>-<suffix>-<accountId>`. The account id is usually a
   * token (data source), so its length is counted as 12 digits.
   */
  bucket(base: string, accountId: string): string {
    checkBase(base);
    const visible = `${this.project}-${base}-${this.suffix}-`;
    const length = visible.length + ACCOUNT_ID_LENGTH;
    if (length > NAME_LIMITS.s3Bucket) {
      throw new ConfigError(
        `name(${base})`,
        `bucket name "${visible}<account-id>" is ${length} characters, over the S3 limit of ${NAME_LIMITS.s3Bucket}`,
        'shorten the base name or the suffix',
      );
    }
    return `${visible}${accountId}`;
  }

  /** Checks a fully formed name (e.g. `/aws/lambda/<fn>`) against the limit for `kind`. */
  check(name: string, kind: NameKind): string {
    const limit = NAME_LIMITS[kind];
    if (name.length > limit) {
      throw new ConfigError(
        `name(${name})`,
        `is ${name.length} characters, over the ${kind} limit of ${limit}`,
        'shorten the base name or the environment suffix',
      );
    }
    return name;
  }
}

function checkBase(base: string): void {
  if (!BASE_PATTERN.test(base) || base.includes('--')) {
    throw new ConfigError(`name(${base})`, 'base names are lowercase letters, digits and single hyphens', 'rename the resource base, e.g. "orders-table"');
  }
}
