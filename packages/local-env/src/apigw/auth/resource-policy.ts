import type { Resolver } from '../../refs';
import { resourcesOfType, type SynthStack, type StackResource as TfResource } from '@tap/synth';
import type { PolicyDocument } from './clients';

/**
 * The resource policy of one REST API (`aws_api_gateway_rest_api_policy`, or the API's inline `policy`),
 * with every `${...}` resolved to the local names and ARNs. Undefined when the API has none.
 */
export function resourcePolicyOf(stacks: readonly SynthStack[], api: TfResource, resolver: Resolver): PolicyDocument | undefined {
  const apiId = resolver.text(api.stack, `\${aws_api_gateway_rest_api.${api.name}.id}`);
  const attached = resourcesOfType(stacks, 'aws_api_gateway_rest_api_policy').find((p) => p.stack === api.stack && resolver.text(api.stack, p.config.rest_api_id) === apiId);
  const raw = attached?.config.policy ?? api.config.policy;
  if (raw === undefined) return undefined;
  return JSON.parse(resolver.text(api.stack, raw)) as PolicyDocument;
}
