import type { Construct } from 'constructs';
import { BaseStack, tableBackupPlan, type BaseStackProps } from '@tap/constructs';
import { apiGatewayAccount } from './account';
import { pipelineAlarms } from './alarms';
import { pipelineApi } from './api';
import { pipelineBus } from './bus';
import { eventsTable } from './data';
import { deliveryDeadLetterQueue } from './delivery-dlq';
import { customDomain } from './domain';
import { pipelineFunctions, TIMEOUTS } from './functions';
import { pipelineKey } from './keys';
import { commonLayer } from './layer';
import { pipelineOutputs } from './outputs';
import { connectConsumer, pipelineQueue } from './queue';
import { authToken } from './secret';

/** Props of the event pipeline stack: the one validated config, nothing else. */
export type EventPipelineStackProps = BaseStackProps;

/**
 * The serverless event pipeline: POST /events behind a TOKEN authorizer → ingest
 * validates and publishes to a custom bus → a rule routes to an encrypted queue with a DLQ → process
 * consumes batches with partial failures and stores idempotently by event id. Not in a VPC.
 */
export class EventPipelineStack extends BaseStack {
  constructor(scope: Construct, id: string, props: EventPipelineStackProps) {
    super(scope, id, props);
    const key = pipelineKey(this);
    const token = authToken(this, key);
    const layer = commonLayer(this);
    const bus = pipelineBus(this);
    const table = eventsTable(this, key);
    // Daily AWS Backup where the profile asks (production); docs/operations/backup-and-restore.md.
    tableBackupPlan(this, { name: 'event-pipeline', kmsKeyArn: key.arn, tableArns: [table.table.arn] });
    const deliveryDlq = deliveryDeadLetterQueue(this, key, bus);
    const queue = pipelineQueue(this, key, bus, TIMEOUTS.process, deliveryDlq);
    const fns = pipelineFunctions(this, { key, layer, token, bus, queue, table });
    connectConsumer(this, queue, fns.process);
    const api = pipelineApi(this, key, fns, apiGatewayAccount(this));
    const domainUrl = customDomain(this, api);
    pipelineAlarms(this, { key, fns, queue, deliveryDlq, api, bus });
    pipelineOutputs(this, { api, bus, queue, deliveryDlq, table, token, tokenKeyArn: key.arn, domainUrl });
  }
}

export { RUNBOOKS } from './alarms';
export { TIMEOUTS } from './functions';
export { TOKEN_OVERLAP_SECONDS, TOKEN_PATTERN } from './secret';
export { AUTHORIZER_TTL_SECONDS } from './api';
