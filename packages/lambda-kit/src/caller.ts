import type { APIGatewayProxyEvent } from 'aws-lambda';

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
