import { clientGrantPolicy, restrictApiToCallers, RestApiFront, type BaseStack, type HttpMethod, type NodejsFunction } from '@tap/constructs';

/** Every route of the items API; one function serves them all. */
export const ITEM_ROUTES: readonly { readonly path: string; readonly method: HttpMethod }[] = [
  { path: '/items', method: 'POST' },
  { path: '/items', method: 'GET' },
  { path: '/items/{id}', method: 'GET' },
  { path: '/items/{id}', method: 'PUT' },
  { path: '/items/{id}', method: 'DELETE' },
];

/**
 * The public REST API (regional, not in a VPC). Every method is `AWS_IAM` (SigV4) and the resource policy
 * names who may call it (docs/decisions/003-api-authentication.md). The API key a profile with a usage
 * plan requires (REST-02) is for per-client throttling and quota only, never authorization. Stage
 * throttling comes from RestApiFront's method settings on `*` / `*`; no method is ever `*`.
 */
export function itemsApi(stack: BaseStack, fn: NodejsFunction, logKeyArn: string): { front: RestApiFront; clientPolicy: string } {
  const front = new RestApiFront(stack, 'api', { name: 'rest-api', description: 'Items CRUD API', logKeyArn });
  for (const route of ITEM_ROUTES) {
    front.route({ ...route, fn, authorization: 'AWS_IAM', apiKeyRequired: stack.config.api.usagePlan });
  }
  restrictApiToCallers(stack, front);
  front.deploy();
  return { front, clientPolicy: clientGrantPolicy(front, ITEM_ROUTES) };
}
