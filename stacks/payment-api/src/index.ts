import type { Construct } from 'constructs';
import { BaseStack, NetworkLookup, tableBackupPlan, type BaseStackProps } from '@tap/constructs';
import { paymentAlarms } from './alarms';
import { paymentApi } from './api';
import { paymentTables } from './data';
import { paymentFunctions } from './functions';
import { paymentApiKey } from './keys';
import { paymentOutputs } from './outputs';

/** Props of the payment API stack: the one validated config, nothing else. */
export type PaymentApiStackProps = BaseStackProps;

/**
 * The serverless payment API. It never creates a VPC: its functions attach to the
 * environment's one network through NetworkLookup (FND-08): the VPC stack's own network in `own` mode,
 * the shared network in `pr`. See README.md for the network choice and its cost.
 */
export class PaymentApiStack extends BaseStack {
  constructor(scope: Construct, id: string, props: PaymentApiStackProps) {
    super(scope, id, props);
    const key = paymentApiKey(this);
    const network = new NetworkLookup(this, 'network', { name: 'payment-api' }).attachment;
    const tables = paymentTables(this, key.arn);
    // Daily AWS Backup of every table where the profile asks (production); docs/operations/backup-and-restore.md.
    tableBackupPlan(this, { name: 'payment-api', kmsKeyArn: key.arn, tableArns: [tables.payments, tables.idempotency, tables.audit].map((t) => t.table.arn) });
    const functions = paymentFunctions(this, { kmsKeyArn: key.arn, tables, network });
    const api = paymentApi(this, key.arn, functions);
    const { topic } = paymentAlarms(this, { kmsKeyArn: key.arn, functions, tables, api });
    paymentOutputs(this, { api, tables, topic });
  }
}

export { THRESHOLDS } from './alarms';
