import { addOutputs, type BaseStack } from '@tap/constructs';
import type { PaymentApi } from './api';
import type { PaymentTables } from './data';
import type { AlarmTopic } from '@tap/constructs';

export interface PaymentOutputsProps {
  readonly api: PaymentApi;
  readonly tables: PaymentTables;
  readonly topic: AlarmTopic;
}

/** Flat, scalar outputs with stable ids (flattened into cfn-outputs/flat-outputs.json). */
export function paymentOutputs(stack: BaseStack, props: PaymentOutputsProps): void {
  addOutputs(stack, {
    // Stage invoke URL, e.g. https://<id>.execute-api.<region>.amazonaws.com/<stage>; routes are under /payments.
    paymentApiUrl: props.api.front.url,
    paymentApiPaymentsTableName: props.tables.payments.table.name,
    paymentApiIdempotencyTableName: props.tables.idempotency.table.name,
    paymentApiAuditTableName: props.tables.audit.table.name,
    paymentApiAlarmTopicArn: props.topic.topic.arn,
    // Attach to a client's role to let it call exactly POST /payments and GET /payments/{id} (docs/security.md).
    paymentApiClientPolicy: props.api.clientPolicy,
  });
}
