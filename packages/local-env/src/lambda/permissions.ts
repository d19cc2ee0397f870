import type { Resolver } from '../refs';
import { resourcesOfType, type SynthStack, type TfResource } from '../terraform';

/** Whether an aws_lambda_permission lets API Gateway invoke the function behind an invoke ARN from sourceArn. */
export function lambdaPermitted(stacks: readonly SynthStack[], res: Resolver, invokeArn: string, sourceArn: string): boolean {
  const fnArn = /functions\/(.+)\/invocations$/.exec(invokeArn)?.[1] ?? invokeArn;
  const name = fnArn.split(':')[6];
  return resourcesOfType(stacks, 'aws_lambda_permission').some((p: TfResource) => {
    try {
      if (res.text(p.stack, p.config.principal) !== 'apigateway.amazonaws.com') return false;
      const target = res.text(p.stack, p.config.function_name);
      if (target !== name && target !== fnArn && !target.startsWith(`${fnArn}:`)) return false;
      if (p.config.source_arn === undefined) return true;
      const pattern = res.text(p.stack, p.config.source_arn);
      return new RegExp(`^${pattern.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(sourceArn);
    } catch {
      return false;
    }
  });
}
