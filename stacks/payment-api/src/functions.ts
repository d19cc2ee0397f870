import { NodejsFunction, type BaseStack, type NetworkAttachment } from '@tap/constructs';
import { HANDLER_BUNDLES, type CreatePaymentEnvironment, type GetPaymentEnvironment } from '@tap/lambda-payment-api';
import type { PaymentTables } from './data';

export interface PaymentFunctions {
  readonly create: NodejsFunction;
  readonly status: NodejsFunction;
}

export interface PaymentFunctionsProps {
  readonly kmsKeyArn: string;
  readonly tables: PaymentTables;
  /** The environment's one network (NetworkLookup): private subnets and the stack's security group. */
  readonly network: NetworkAttachment;
}

/**
 * The two functions, each with only what its handler does. Both run in the environment's private
 * subnets and reach DynamoDB through the VPC's gateway endpoint; see README.md "Network". The audit
 * archive is written by the create function in the same transaction as the payment
 * (docs/decisions/001-transactional-payment-audit.md), so there is no queue and no consumer to lose it.
 */
export function paymentFunctions(stack: BaseStack, props: PaymentFunctionsProps): PaymentFunctions {
  const { kmsKeyArn, tables } = props;
  const vpc = { subnetIds: props.network.privateSubnetIds, securityGroupIds: [props.network.securityGroupId] };
  const corsOrigins = stack.config.api.corsOrigins.join(',');
  const common = { environmentKeyArn: kmsKeyArn, logKeyArn: kmsKeyArn, vpc, timeout: 30 };

  const create = new NodejsFunction(stack, 'create-payment', {
    ...common,
    name: 'payment-api-create',
    code: HANDLER_BUNDLES.createPayment,
    concurrencyKey: 'payment-api.create',
    environment: {
      PAYMENTS_TABLE: tables.payments.table.name,
      IDEMPOTENCY_TABLE: tables.idempotency.table.name,
      AUDIT_TABLE: tables.audit.table.name,
      CORS_ORIGINS: corsOrigins,
      // Lock at most a little longer than the function can run, so a live request is never taken over
      // (the handler shortens it to the invocation's remaining time + 1 s).
      IDEMPOTENCY_LOCK_SECONDS: '35',
      IDEMPOTENCY_TTL_SECONDS: '86400',
    } satisfies CreatePaymentEnvironment,
    statements: [
      {
        sid: 'IdempotencyRecords',
        // PutItem: claim a key (conditional); GetItem: read the record on a repeated key;
        // UpdateItem: take over a lapsed lock, release the lock after a failure, and (inside the payment
        // transaction) store the response. TransactWriteItems has no IAM action of its own: each of its
        // actions is authorized as the item action it is (PutItem/UpdateItem here).
        // No DeleteItem: a released record keeps its payment id so the retry finishes the same payment.
        actions: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
        resources: [tables.idempotency.table.arn],
      },
      // PutItem (conditional on absence, inside the transaction): store each payment once. No read, no Scan.
      { sid: 'StorePayment', actions: ['dynamodb:PutItem'], resources: [tables.payments.table.arn] },
      // PutItem (conditional on absence, same transaction): the payment's audit record, once.
      { sid: 'ArchiveAuditRecord', actions: ['dynamodb:PutItem'], resources: [tables.audit.table.arn] },
    ],
  });

  const status = new NodejsFunction(stack, 'get-payment', {
    ...common,
    name: 'payment-api-status',
    code: HANDLER_BUNDLES.getPayment,
    concurrencyKey: 'payment-api.status',
    environment: { PAYMENTS_TABLE: tables.payments.table.name, CORS_ORIGINS: corsOrigins } satisfies GetPaymentEnvironment,
    // GetItem by key only (PAY-10: status is never read by Scan).
    statements: [{ sid: 'ReadPaymentByKey', actions: ['dynamodb:GetItem'], resources: [tables.payments.table.arn] }],
  });

  return { create, status };
}
