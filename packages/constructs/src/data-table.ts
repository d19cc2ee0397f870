import { Construct } from 'constructs';
import { DynamodbTable, type DynamodbTableGlobalSecondaryIndex } from '@cdktf/provider-aws/lib/dynamodb-table';
import type { BaseStack } from './base-stack';
import { dynamodbMetric, type MetricRef } from './monitoring/metric';

export interface DataTableProps {
  /** Base name; the table is `<name>-<suffix>`. */
  readonly name: string;
  /** Partition key attribute. */
  readonly hashKey: string;
  /** Sort key attribute. @default none (partition key only) */
  readonly rangeKey?: string;
  /** Every key attribute of the table and its indexes. */
  readonly attributes: { readonly name: string; readonly type: 'S' | 'N' | 'B' }[];
  /** Global secondary indexes (capacities are filled in from config for PROVISIONED). @default none */
  readonly globalSecondaryIndexes?: Omit<DynamodbTableGlobalSecondaryIndex, 'readCapacity' | 'writeCapacity'>[];
  /** TTL attribute name. @default none (items do not expire) */
  readonly ttlAttribute?: string;
  /** Stream view type, e.g. NEW_IMAGE. @default no stream */
  readonly streamViewType?: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';
  /** KMS key ARN for server-side encryption. */
  readonly kmsKeyArn: string;
}

/**
 * A DynamoDB table with what config decides: billing mode and capacities (FND-04, FND-05), server-side
 * encryption as an OBJECT with the stack's key (REST-01), PITR (REST-10) and deletion protection
 * per profile (off in ephemeral profiles, so destroy works).
 */
export class DataTable extends Construct {
  readonly table: DynamodbTable;
  /** The table's name (`<name>-<suffix>`), known at synth. */
  readonly tableName: string;

  constructor(stack: BaseStack, id: string, props: DataTableProps) {
    super(stack, id);
    const db = stack.config.dynamodb;
    const provisioned = db.billingMode === 'PROVISIONED';
    const capacity = provisioned ? { readCapacity: db.readCapacity, writeCapacity: db.writeCapacity } : {};
    this.tableName = stack.naming.name(props.name, 'dynamodbTable');
    this.table = new DynamodbTable(this, 'table', {
      name: this.tableName,
      billingMode: db.billingMode,
      ...capacity,
      hashKey: props.hashKey,
      ...(props.rangeKey ? { rangeKey: props.rangeKey } : {}),
      attribute: props.attributes.map((a) => ({ name: a.name, type: a.type })),
      ...(props.globalSecondaryIndexes ? { globalSecondaryIndex: props.globalSecondaryIndexes.map((gsi) => ({ ...gsi, ...capacity })) } : {}),
      ...(props.ttlAttribute ? { ttl: { attributeName: props.ttlAttribute, enabled: true } } : {}),
      ...(props.streamViewType ? { streamEnabled: true, streamViewType: props.streamViewType } : {}),
      serverSideEncryption: { enabled: true, kmsKeyArn: props.kmsKeyArn },
      pointInTimeRecovery: { enabled: db.pointInTimeRecovery },
      deletionProtectionEnabled: db.deletionProtection,
    });
  }

  /** Read requests throttled. */
  metricReadThrottles(): MetricRef {
    return dynamodbMetric(this.table.name, 'ReadThrottleEvents');
  }

  /** Write requests throttled. */
  metricWriteThrottles(): MetricRef {
    return dynamodbMetric(this.table.name, 'WriteThrottleEvents');
  }
}
