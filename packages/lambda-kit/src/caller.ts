import type { APIGatewayProxyEvent } from 'aws-lambda';
import { sha256 } from './hash';

type Event = Partial<Pick<APIGatewayProxyEvent, 'requestContext'>>;

/**
 * The calling client as API Gateway's IAM authorization established it (`requestContext.identity.userArn`,
 * never a header the client could set). An assumed-role session counts as its role: every container,
 * task or retry of one client signs with a new session name, and they are one client. Undefined when
 * the request was not IAM-authorized.
 */
export function callerOf(event: Event): string | undefined {
  const identity = event.requestContext?.identity;
  const arn = typeof identity?.userArn === 'string' ? identity.userArn : '';
  if (!arn) return undefined;
  const session = /^(arn:[^:]+:sts::\d{12}:assumed-role\/[^/]+)\/.+$/.exec(arn);
  return session ? session[1] : arn;
}

/**
 * An idempotency record's key: the client's key within the caller's namespace, so two clients using
 * the same key get two records and neither can block or read the other's. The one place the scoping
 * is decided (the handlers, their tests and the load run's fault hooks all derive it here).
 */
export function scopedKeyHash(caller: string, idempotencyKey: string): string {
  return sha256(`${caller}\n${idempotencyKey}`);
}
