import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { badRequest, BUSINESS_METRICS, callerOf, corsHeaders, dependencyFailure, error, errorName, json, methodGuard, withHeaders, type Telemetry } from '@tap/lambda-kit';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { OWNER_ATTRIBUTE } from '../shared/caller';
import { BUSY_MESSAGE } from '../shared/busy';
import { isPaymentId, type PaymentView } from '../shared/payment';

export interface GetPaymentDeps {
  readonly db: DynamoDBDocumentClient;
  readonly paymentsTable: string;
  readonly corsOrigins: readonly string[];
  readonly telemetry: Telemetry;
}

type Event = Partial<Pick<APIGatewayProxyEvent, 'httpMethod' | 'headers' | 'pathParameters' | 'requestContext'>>;

/** Fields a client may see (internal ones such as the idempotency key hash stay in the table). */
const VISIBLE: readonly (keyof PaymentView)[] = ['paymentId', 'status', 'amount', 'currency', 'merchantReference', 'customerReference', 'description', 'createdAt'];

/** GET /payments/{id}: one GetItem by key, never a Scan (docs/architecture.md, departure 3). */
export function getPaymentHandler(deps: GetPaymentDeps): (event: Event) => Promise<APIGatewayProxyResult> {
  const t = deps.telemetry;
  return async (event) => {
    const headers = event.headers && typeof event.headers === 'object' ? event.headers : {};
    const cors = corsHeaders({ headers }, deps.corsOrigins);
    const withCors = (r: APIGatewayProxyResult): APIGatewayProxyResult => withHeaders(r, cors);
    const guarded = methodGuard(event, ['GET'], cors);
    if (guarded) return guarded;

    const caller = callerOf(event);
    if (!caller) return withCors(error(403, 'no caller identity: call with a SigV4-signed request'));
    const params = event.pathParameters && typeof event.pathParameters === 'object' ? event.pathParameters : {};
    const id = params.id;
    if (!isPaymentId(id)) return withCors(badRequest({ id: id === undefined || id === '' ? 'is required' : 'must be a payment id (lowercase UUID)' }));

    t.key('paymentId', id);
    try {
      // Strongly consistent: a client that just got 201 must be able to read its payment.
      const out = await deps.db.send(new GetCommand({ TableName: deps.paymentsTable, Key: { paymentId: id }, ConsistentRead: true }));
      // Another client's payment is answered exactly like a missing one: a 403 would confirm it exists.
      if (!out.Item || out.Item[OWNER_ATTRIBUTE] !== caller) {
        t.info('payment not found', { paymentId: id, otherOwner: out.Item !== undefined });
        return withCors(error(404, 'payment not found', { id: 'no payment with this id' }));
      }
      const view: Record<string, unknown> = {};
      for (const key of VISIBLE) if (out.Item[key] !== undefined) view[key] = out.Item[key];
      t.info('payment read', { paymentId: id });
      return withCors(json(200, view));
    } catch (err) {
      t.error('payment read failed', { paymentId: id, errorName: errorName(err) });
      t.count(BUSINESS_METRICS.dependencyFailures);
      return withCors(dependencyFailure(err, BUSY_MESSAGE));
    }
  };
}
