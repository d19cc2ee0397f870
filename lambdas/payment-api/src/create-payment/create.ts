import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  badRequest,
  BUSINESS_METRICS,
  callerOf,
  canonicalJson,
  corsHeaders,
  dependencyFailure,
  error,
  errorName,
  header,
  isTransactionCanceled,
  json,
  keyHandle,
  methodGuard,
  parseJsonObject,
  scopedKeyHash,
  sha256,
  withHeaders,
  type Telemetry,
} from '@tap/lambda-kit';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { AuditRecord } from '../shared/audit-message';
import { OWNER_ATTRIBUTE } from '../shared/caller';
import { BUSY_MESSAGE } from '../shared/busy';
import { IdempotencyStore, validateIdempotencyKey, type Claim } from '../shared/idempotency';
import { validatePaymentRequest } from '../schema/validate';
import type { PaymentView } from '../shared/payment';

export interface CreatePaymentDeps {
  readonly db: DynamoDBDocumentClient;
  readonly paymentsTable: string;
  readonly auditTable: string;
  readonly idempotency: IdempotencyStore;
  readonly corsOrigins: readonly string[];
  readonly telemetry: Telemetry;
  /** Clock in ms (archive time). Default Date.now. */
  readonly now?: () => number;
}

type Event = Partial<Pick<APIGatewayProxyEvent, 'httpMethod' | 'headers' | 'body' | 'isBase64Encoded' | 'requestContext'>>;
/** The part of the Lambda context the handler uses (remaining time bounds the idempotency lock). */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
}

/**
 * POST /payments. Everything the client sends is validated before the first call to AWS; then the key is
 * claimed, and ONE DynamoDB transaction stores the payment, its audit record and the response for
 * replays (docs/decisions/001-transactional-payment-audit.md): a payment never exists without its audit
 * record, whatever step the function dies at. A failure after the claim releases the lock (keeping the
 * payment id) so a retry succeeds; a crash leaves a lock that lapses when the invocation's time is up.
 */
export function createPaymentHandler(deps: CreatePaymentDeps): (event: Event, context?: InvocationContext) => Promise<APIGatewayProxyResult> {
  const now = deps.now ?? Date.now;
  const t = deps.telemetry;
  return async (event, context) => {
    const cors = corsHeaders({ headers: safeHeaders(event) }, deps.corsOrigins);
    const withCors = (r: APIGatewayProxyResult): APIGatewayProxyResult => withHeaders(r, cors);
    const guarded = methodGuard(event, ['POST'], cors);
    if (guarded) return guarded;
    // The route is IAM-authorized; without an identity in the request context nothing is scoped, so nothing is done.
    const caller = callerOf(event);
    if (!caller) return withCors(error(403, 'no caller identity: call with a SigV4-signed request'));

    // 1. Validate every input before any side effect.
    const keyCheck = validateIdempotencyKey(header({ headers: safeHeaders(event) }, 'Idempotency-Key'));
    const parsed = parseJsonObject({ body: typeof event.body === 'string' ? event.body : null, isBase64Encoded: event.isBase64Encoded === true });
    const fields = Object.create(null) as Record<string, string>;
    if (!keyCheck.ok) fields['Idempotency-Key'] = keyCheck.problem;
    if (!parsed.ok) {
      if (!keyCheck.ok) return withCors(badRequest({ ...fields, ...bodyFields(parsed.response.body) }));
      return withCors(parsed.response);
    }
    const validation = validatePaymentRequest(parsed.value);
    if (!validation.ok) Object.assign(fields, validation.fields);
    if (!keyCheck.ok || !validation.ok) return withCors(badRequest(fields));

    const request = validation.value;
    const keyHash = scopedKeyHash(caller, keyCheck.key);
    const payloadHash = sha256(canonicalJson(request));
    const log = { idempotencyKey: keyHandle(keyHash) };

    // 2. Claim the key.
    let claim: Claim;
    try {
      claim = await deps.idempotency.claim(keyHash, payloadHash, context?.getRemainingTimeInMillis());
    } catch (err) {
      t.error('idempotency claim failed', { ...log, errorName: errorName(err) });
      t.count(BUSINESS_METRICS.dependencyFailures);
      return withCors(dependencyFailure(err, BUSY_MESSAGE));
    }
    if (claim.kind === 'payload-mismatch') {
      t.warn('idempotency key reused with a different body', log);
      t.count(BUSINESS_METRICS.payloadMismatches);
      return withCors(error(422, 'Idempotency-Key was already used with a different request body', { 'Idempotency-Key': 'reused with a different body' }));
    }
    if (claim.kind === 'in-progress') {
      t.info('request with this idempotency key is in progress', log);
      t.count(BUSINESS_METRICS.versionConflicts);
      return withCors(error(409, 'a request with this Idempotency-Key is in progress; retry shortly', undefined, { 'Retry-After': '2' }));
    }
    if (claim.kind === 'replay') {
      t.info('idempotent replay', log);
      t.count(BUSINESS_METRICS.idempotentReplays);
      return withCors({ statusCode: claim.statusCode, headers: { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' }, body: claim.body });
    }

    // 3. One transaction under the lock: payment, audit record, completion. All or nothing.
    const payment: PaymentView = { paymentId: claim.paymentId, status: 'PENDING', ...request, createdAt: claim.createdAt };
    const attempt = { ...log, paymentId: payment.paymentId };
    t.key('paymentId', payment.paymentId);
    const response = json(201, payment);
    const audit: AuditRecord = {
      paymentId: payment.paymentId,
      event: 'PAYMENT_CREATED',
      amount: payment.amount,
      currency: payment.currency,
      occurredAt: payment.createdAt,
      idempotencyKeyHash: keyHash,
      archivedAt: new Date(now()).toISOString(),
    };
    try {
      await deps.db.send(
        new TransactWriteCommand({
          // The lock token is unique per attempt: an SDK retry of a transaction that did commit succeeds
          // instead of failing its own conditions (DynamoDB keeps the token for 10 minutes).
          ClientRequestToken: claim.lockToken,
          TransactItems: [
            { Put: { TableName: deps.paymentsTable, Item: { ...payment, idempotencyKeyHash: keyHash, [OWNER_ATTRIBUTE]: caller }, ConditionExpression: 'attribute_not_exists(paymentId)' } },
            { Put: { TableName: deps.auditTable, Item: audit, ConditionExpression: 'attribute_not_exists(paymentId)' } },
            { Update: deps.idempotency.completion(keyHash, claim.lockToken, response.statusCode, response.body) },
          ],
        }),
      );
    } catch (err) {
      if (isTransactionCanceled(err)) {
        // Another attempt took the lapsed lock over (or completed): it owns the payment now.
        t.info('payment transaction cancelled: another attempt holds this idempotency key', attempt);
        t.count(BUSINESS_METRICS.versionConflicts);
        return withCors(error(409, 'a request with this Idempotency-Key is in progress; retry shortly', undefined, { 'Retry-After': '2' }));
      }
      t.error('payment creation failed; releasing the idempotency lock', { ...attempt, errorName: errorName(err) });
      t.count(BUSINESS_METRICS.dependencyFailures);
      await deps.idempotency.release(keyHash, claim.lockToken).catch((releaseErr: unknown) => {
        // The lock then lapses by itself after its expiry.
        t.warn('lock release failed', { ...attempt, errorName: errorName(releaseErr) });
      });
      return withCors(dependencyFailure(err, BUSY_MESSAGE));
    }
    t.info('payment created', { ...attempt, amount: payment.amount, currency: payment.currency });
    t.count(BUSINESS_METRICS.paymentsCreated);
    return withCors(response);
  };
}

/** Headers as a plain string map, whatever shape the event carries. */
function safeHeaders(event: Event): Record<string, string> {
  const raw = event.headers;
  if (!raw || typeof raw !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') out[k] = v;
  return out;
}

function bodyFields(body: string): Record<string, string> {
  try {
    const parsed = JSON.parse(body) as { fields?: Record<string, string> };
    return parsed.fields ?? {};
  } catch {
    return {};
  }
}
