import { join } from 'node:path';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { NodejsFunction, REPO_ROOT, type BaseStack, type NetworkAttachment, type SecureQueue } from '@tap/constructs';
import type { PaymentTables } from './data';
import { AUDIT_CONSUMER_TIMEOUT_SECONDS } from './queue';

const HANDLERS = join(REPO_ROOT, 'lambdas/payment-api/src');

export interface PaymentFunctions {
  readonly create: NodejsFunction;
  readonly status: NodejsFunction;
  readonly audit: NodejsFunction;
}

export interface PaymentFunctionsProps {
  readonly kmsKeyArn: string;
  readonly tables: PaymentTables;
  readonly queue: SecureQueue;
  /** The environment's one network (NetworkLookup): private subnets and the stack's security group. */
  readonly network: NetworkAttachment;
}

/**
 * The three functions, each with only what its handler does. All run in the environment's private
 * subnets: DynamoDB through the VPC's gateway endpoint, SQS through its interface endpoint (or NAT in
 * production-like profiles); see README.md "Network".
 */
export function paymentFunctions(stack: BaseStack, props: PaymentFunctionsProps): PaymentFunctions {
  const { kmsKeyArn, tables, queue } = props;
  const vpc = { subnetIds: props.network.privateSubnetIds, securityGroupIds: [props.network.securityGroupId] };
  const corsOrigins = stack.config.api.corsOrigins.join(',');
  const common = { environmentKeyArn: kmsKeyArn, logKeyArn: kmsKeyArn, vpc, timeout: 30 };

  const create = new NodejsFunction(stack, 'create-payment', {
    ...common,
    name: 'payment-api-create',
    entry: join(HANDLERS, 'create-payment/handler.ts'),
    concurrencyKey: 'payment-api.create',
    environment: {
      PAYMENTS_TABLE: tables.payments.table.name,
      IDEMPOTENCY_TABLE: tables.idempotency.table.name,
      AUDIT_QUEUE_URL: queue.queue.url,
      CORS_ORIGINS: corsOrigins,
      // Lock a little longer than the function can run, so a live request is never taken over.
      IDEMPOTENCY_LOCK_SECONDS: '35',
      IDEMPOTENCY_TTL_SECONDS: '86400',
    },
    statements: [
      {
        sid: 'IdempotencyRecords',
        // PutItem: claim a key (conditional); GetItem: read the record on a repeated key;
        // UpdateItem: take over a lapsed lock, store the response, release the lock after a failure.
        // No DeleteItem: a released record keeps its payment id so the retry finishes the same payment.
        actions: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
        resources: [tables.idempotency.table.arn],
      },
      // PutItem (conditional on absence): store each payment once. No read, no Scan.
      { sid: 'StorePayment', actions: ['dynamodb:PutItem'], resources: [tables.payments.table.arn] },
      // SendMessage: one audit message per created payment.
      { sid: 'SendAuditMessage', actions: ['sqs:SendMessage'], resources: [queue.queue.arn] },
      // The audit queue is KMS-encrypted: sending needs a data key (GenerateDataKey) and Decrypt to reuse it.
      { sid: 'EncryptAuditMessage', actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [kmsKeyArn] },
    ],
  });

  const status = new NodejsFunction(stack, 'get-payment', {
    ...common,
    name: 'payment-api-status',
    entry: join(HANDLERS, 'get-payment/handler.ts'),
    concurrencyKey: 'payment-api.status',
    environment: { PAYMENTS_TABLE: tables.payments.table.name, CORS_ORIGINS: corsOrigins },
    // GetItem by key only (DESIGN departure #3: status is never read by Scan).
    statements: [{ sid: 'ReadPaymentByKey', actions: ['dynamodb:GetItem'], resources: [tables.payments.table.arn] }],
  });

  const audit = new NodejsFunction(stack, 'payment-audit', {
    ...common,
    name: 'payment-api-audit',
    entry: join(HANDLERS, 'payment-audit/handler.ts'),
    timeout: AUDIT_CONSUMER_TIMEOUT_SECONDS,
    environment: { AUDIT_TABLE: tables.audit.table.name },
    statements: [
      // The event source mapping polls with the function's role: receive, delete what succeeded, read attributes.
      { sid: 'ConsumeAuditQueue', actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], resources: [queue.queue.arn] },
      // PutItem (conditional on absence): archive each message once.
      { sid: 'ArchiveAuditItem', actions: ['dynamodb:PutItem'], resources: [tables.audit.table.arn] },
      // Messages are encrypted with the stack key: reading them needs Decrypt.
      { sid: 'DecryptAuditMessages', actions: ['kms:Decrypt'], resources: [kmsKeyArn] },
    ],
  });

  new LambdaEventSourceMapping(stack, 'audit-source', {
    eventSourceArn: queue.queue.arn,
    functionName: audit.aliasArn,
    batchSize: 10,
    // Only the failed messages of a batch come back (and, after maxReceiveCount, go to the DLQ).
    functionResponseTypes: ['ReportBatchItemFailures'],
    // Two concurrent pollers at most: the archive is not latency-critical and must not crowd the API.
    scalingConfig: { maximumConcurrency: 2 },
    dependsOn: [audit.fn],
  });

  return { create, status, audit };
}
