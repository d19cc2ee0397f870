import { block, num, refs, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-APIGW-09 what a stage admits at once fits the reserved concurrency behind it — no public anchor (docs/capacity.md). */
// A burst API Gateway lets through to a function with reserved concurrency R is throttled by Lambda beyond
// R, and API Gateway answers that with 500. The rule checks the burst, which needs no duration: the burst
// limits of every method invoking the function (its own method setting, else the stage default) add up
// to at most R. The steady-rate half (rate x design duration) is checked at synth
// (packages/config/src/throttles.ts) and by `pnpm capacity`.
export const apigwThrottleCapacity = defineRule(
  {
    id: 'TAP-APIGW-09',
    severity: 'error',
    description: 'The burst limits of the API methods invoking a function with reserved concurrency add up to no more than that reservation (overload is a 429, never a 500)',
    anchors: [],
  },
  (ctx, report) => {
    const json = ctx.stack.json;
    const reserved = new Map<string, number>();
    for (const fn of resources(json, 'aws_lambda_function')) {
      const r = num(fn.body.reserved_concurrent_executions);
      if (r !== undefined) reserved.set(fn.name, r);
    }
    if (reserved.size === 0) return;
    const aliasOf = new Map<string, string>();
    for (const alias of resources(json, 'aws_lambda_alias')) {
      const target = refs(alias.body.function_name).find((r) => r.type === 'aws_lambda_function');
      if (target) aliasOf.set(alias.name, target.name);
    }
    const resourcesById = new Map(resources(json, 'aws_api_gateway_resource').map((r) => [r.name, r.body]));
    const pathOf = (resourceId: unknown): string => {
      const parts: string[] = [];
      let ref = refs(resourceId).find((r) => r.type === 'aws_api_gateway_resource');
      while (ref) {
        const body = resourcesById.get(ref.name);
        if (!body) break;
        parts.unshift(String(body.path_part));
        ref = refs(body.parent_id).find((r) => r.type === 'aws_api_gateway_resource');
      }
      return parts.join('/');
    };
    const bursts = new Map<string, number>();
    for (const s of resources(json, 'aws_api_gateway_method_settings')) {
      const burst = num(block(s.body.settings)?.throttling_burst_limit);
      if (burst !== undefined && typeof s.body.method_path === 'string') bursts.set(s.body.method_path, burst);
    }
    const methods = new Map(resources(json, 'aws_api_gateway_method').map((m) => [m.name, m.body]));
    const admitted = new Map<string, { burst: number; methods: string[] }>();
    for (const integration of resources(json, 'aws_api_gateway_integration')) {
      if (integration.body.type !== 'AWS_PROXY') continue;
      const uri = refs(integration.body.uri)[0];
      const fn = uri?.type === 'aws_lambda_alias' ? aliasOf.get(uri.name) : uri?.type === 'aws_lambda_function' ? uri.name : undefined;
      const methodRef = refs(integration.body.http_method).find((r) => r.type === 'aws_api_gateway_method');
      const method = methodRef ? methods.get(methodRef.name) : undefined;
      if (!fn || !reserved.has(fn) || !method) continue;
      const path = `${pathOf(method.resource_id)}/${String(method.http_method)}`;
      // A method with no throttle of its own and no stage default is limited only by the account (5,000).
      const burst = bursts.get(path) ?? bursts.get('*/*') ?? 5000;
      const sum = admitted.get(fn) ?? { burst: 0, methods: [] };
      admitted.set(fn, { burst: sum.burst + burst, methods: [...sum.methods, `${path} (burst ${burst})`] });
    }
    for (const [fn, { burst, methods: list }] of admitted) {
      const r = reserved.get(fn) ?? 0;
      if (burst > r) {
        report(
          `aws_lambda_function.${fn}`,
          `the API admits a burst of ${burst} at once (${list.join(', ')}) to a function with ${r} reserved executions: Lambda throttles the rest and API Gateway answers 500, not 429. Fix: derive the method throttles from the reservation (RestApiFront does, through packages/config/src/throttles.ts), or raise the reservation.`,
        );
      }
    }
  },
);
