import type { ApiModel, MethodModel, ResourceNode } from './apigw/model';

/** One method of a REST API as a caller sees it. */
export interface RouteInfo {
  readonly method: string;
  readonly path: string;
  /** `none`, `IAM (SigV4)`, `token (<authorizer>)`, `request (<authorizer>)`, `Cognito`, each `+ API key` when required. */
  readonly auth: string;
  /** The TOKEN/REQUEST authorizer, if any (the CLI looks up its token). */
  readonly authorizer?: MethodModel['authorizer'];
}

/**
 * What a caller needs, read from the synthesized method alone: `authorization` (NONE, AWS_IAM,
 * CUSTOM with a TOKEN or REQUEST authorizer, COGNITO_USER_POOLS) and `api_key_required`. Nothing is
 * assumed per stack, so a method switched to AWS_IAM shows up as such.
 */
export function authLabel(m: Pick<MethodModel, 'authorization' | 'authorizer' | 'apiKeyRequired'>): string {
  const base = (() => {
    switch (m.authorization) {
      case 'NONE':
        return 'none';
      case 'AWS_IAM':
        return 'IAM (SigV4)';
      case 'CUSTOM':
        return m.authorizer ? `${m.authorizer.type === 'TOKEN' ? 'token' : 'request'} (${m.authorizer.name})` : 'custom authorizer';
      case 'COGNITO_USER_POOLS':
        return 'Cognito';
      default:
        return m.authorization.toLowerCase();
    }
  })();
  if (!m.apiKeyRequired) return base;
  return base === 'none' ? 'API key' : `${base} + API key`;
}

/** Every method of an API, by path then method (OPTIONS last: CORS preflight). */
export function routesOf(model: ApiModel): RouteInfo[] {
  const out: RouteInfo[] = [];
  const walk = (node: ResourceNode): void => {
    const methods = [...node.methods.values()].sort((a, b) => rank(a.httpMethod) - rank(b.httpMethod) || a.httpMethod.localeCompare(b.httpMethod));
    for (const m of methods) out.push({ method: m.httpMethod, path: node.path, auth: authLabel(m), authorizer: m.authorizer });
    for (const child of [...node.children].sort((a, b) => a.path.localeCompare(b.path))) walk(child);
  };
  walk(model.root);
  return out;
}

function rank(method: string): number {
  return method === 'OPTIONS' ? 2 : method === 'ANY' ? 1 : 0;
}
