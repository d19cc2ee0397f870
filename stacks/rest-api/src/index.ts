import type { Construct } from 'constructs';
import { apiWaf, BaseStack, tableBackupPlan, type BaseStackProps } from '@tap/constructs';
import { itemsApi } from './api';
import { restApiAlarms } from './alarms';
import { itemsTable } from './data';
import { itemsFunction } from './functions';
import { stackKey } from './keys';
import { addRestApiOutputs } from './outputs';
import { BucketReplication } from './replication';
import { dataBucket } from './storage';
import { usagePlan } from './usage-plan';

/** Props of the REST API stack: the one validated config, nothing else. */
export type RestApiStackProps = BaseStackProps;

/**
 * The multi-environment REST API: items CRUD on API Gateway + one Lambda
 * + DynamoDB, a data bucket with optional cross-region replication, alarms to an SNS topic. Every
 * environment difference comes from the config's profile, never from the suffix (docs/decisions/005-profile-decides-differences.md).
 */
export class RestApiStack extends BaseStack {
  constructor(scope: Construct, id: string, props: RestApiStackProps) {
    super(scope, id, props);
    const key = stackKey(this);
    const table = itemsTable(this, key.arn);
    // Daily AWS Backup where the profile asks (production); docs/operations/backup-and-restore.md.
    tableBackupPlan(this, { name: 'rest-api', kmsKeyArn: key.arn, tableArns: [table.table.arn] });
    const fn = itemsFunction(this, table, key.arn);
    const { front, clientPolicy } = itemsApi(this, fn, key.arn);
    const stage = front.stage;
    apiWaf(this, 'rest-api', stage);
    const plan = usagePlan(this, front, stage);
    const { topic } = restApiAlarms(this, fn, front, key.arn);
    const bucket = dataBucket(this, key.arn);
    const replication = props.config.storage.replication.enabled ? new BucketReplication(this, 'replication', { source: bucket, sourceKeyArn: key.arn }) : undefined;

    addRestApiOutputs(
      this,
      {
        restApiUrl: front.url,
        restApiItemsTableName: table.table.name,
        restApiBucketName: bucket.bucket.bucket,
        restApiAlarmTopicArn: topic.topic.arn,
        restApiClientPolicy: clientPolicy,
        restApiUsagePlanId: plan?.plan.id,
        restApiKeyId: plan?.key.id,
        restApiReplicaBucketName: replication?.replica.bucket.bucket,
      },
      plan?.key.value,
    );
  }
}

export { ITEM_ROUTES } from './api';
export { ALARM_BASE } from './alarms';
export { LIST_INDEX_NAME } from './data';
export { ITEMS_TIMEOUT_SECONDS, ITEMS_MEMORY_MB } from './functions';
