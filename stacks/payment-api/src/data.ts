import { DataTable, type BaseStack } from '@tap/constructs';
import {
  AUDIT_TABLE_HASH_KEY,
  AUDIT_TABLE_RANGE_KEY,
  IDEMPOTENCY_TABLE_KEY,
  IDEMPOTENCY_TTL_ATTRIBUTE,
  PAYMENTS_TABLE_KEY,
} from '@tap/lambda-payment-api';

export interface PaymentTables {
  /** Payments by id; read by key only (GetItem), never scanned (PAY-10). */
  readonly payments: DataTable;
  /** Idempotency records: lock, payload hash, stored response; expire through TTL. */
  readonly idempotency: DataTable;
  /** Audit archive, one item per (paymentId, event), written in the same transaction as the payment. */
  readonly audit: DataTable;
}

/**
 * Three tables rather than one with typed keys: each has its own lifecycle (idempotency records expire
 * after a day through TTL, payments and audit items do not), its own access pattern, and each function's
 * IAM statement can name exactly the table it touches. Billing, PITR and deletion protection come from
 * the profile through DataTable; all three are encrypted with the stack key.
 */
export function paymentTables(stack: BaseStack, kmsKeyArn: string): PaymentTables {
  return {
    payments: new DataTable(stack, 'payments', {
      name: 'payment-api-payments',
      hashKey: PAYMENTS_TABLE_KEY,
      attributes: [{ name: PAYMENTS_TABLE_KEY, type: 'S' }],
      kmsKeyArn,
    }),
    idempotency: new DataTable(stack, 'idempotency', {
      name: 'payment-api-idempotency',
      hashKey: IDEMPOTENCY_TABLE_KEY,
      attributes: [{ name: IDEMPOTENCY_TABLE_KEY, type: 'S' }],
      ttlAttribute: IDEMPOTENCY_TTL_ATTRIBUTE,
      kmsKeyArn,
    }),
    audit: new DataTable(stack, 'audit', {
      name: 'payment-api-audit',
      hashKey: AUDIT_TABLE_HASH_KEY,
      rangeKey: AUDIT_TABLE_RANGE_KEY,
      attributes: [
        { name: AUDIT_TABLE_HASH_KEY, type: 'S' },
        { name: AUDIT_TABLE_RANGE_KEY, type: 'S' },
      ],
      kmsKeyArn,
    }),
  };
}
