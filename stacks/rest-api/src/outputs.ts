import { addOutputs, type BaseStack } from '@tap/constructs';

/** The REST API stack's flat outputs (scalars, keys prefixed `restApi`, unique across the app). */
export interface RestApiOutputValues {
  readonly restApiUrl: string;
  readonly restApiItemsTableName: string;
  readonly restApiBucketName: string;
  readonly restApiAlarmTopicArn: string;
  /** The identity policy granting a client every items route (attach to its role; docs/security.md). */
  readonly restApiClientPolicy: string;
  /** Only with a usage plan (production-like). */
  readonly restApiUsagePlanId?: string;
  /** The key's ID, not its value. Only with a usage plan. */
  readonly restApiKeyId?: string;
  /** Only when cross-region replication is on. */
  readonly restApiReplicaBucketName?: string;
}

/**
 * Stable output names (`staticId`). The API key VALUE is a separate SENSITIVE output (`restApiKeyValue`):
 * the flattener leaves it out of flat-outputs.json unless asked (`--include-sensitive`), which the
 * integration run against a usage-plan deployment does (stacks/rest-api/README.md).
 */
export function addRestApiOutputs(stack: BaseStack, values: RestApiOutputValues, apiKeyValue?: string): void {
  addOutputs(stack, { ...values }, { restApiKeyValue: apiKeyValue });
}
