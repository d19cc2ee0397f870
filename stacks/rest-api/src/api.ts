import { RestApiFront, type BaseStack, type HttpMethod, type NodejsFunction } from '@tap/constructs';

/** Every route of the items API; one function serves them all. */
export const ITEM_ROUTES: readonly { readonly path: string; readonly method: HttpMethod }[] = [
  { path: '/items', method: 'POST' },
  { path: '/items', method: 'GET' },
  { path: '/items/{id}', method: 'GET' },
  { path: '/items/{id}', method: 'PUT' },
  { path: '/items/{id}', method: 'DELETE' },
];

/**
 * The public REST API (regional, not in a VPC). Every method requires an API key exactly when the
 * profile has a usage plan (seed 001 #2); stage throttling comes from RestApiFront's method settings on
 * `*` / `*` and per-key throttling from the usage plan; no method is ever `*`.
 */
export function itemsApi(stack: BaseStack, fn: NodejsFunction, logKeyArn: string): RestApiFront {
  const front = new RestApiFront(stack, 'api', { name: 'rest-api', description: 'Items CRUD API', logKeyArn });
  for (const route of ITEM_ROUTES) {
    front.route({ ...route, fn, apiKeyRequired: stack.config.api.usagePlan });
  }
  front.deploy();
  return front;
}
