import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createDocumentClient, requiredEnv } from '../shared/clients';
import { createLogger } from '../shared/log';
import { archiveHandler } from './archive';

// Once per container.
const handle = archiveHandler({ db: createDocumentClient(), auditTable: requiredEnv('AUDIT_TABLE'), logger: createLogger() });

/** SQS event source (batch size 10, ReportBatchItemFailures). */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  return handle(event);
}
