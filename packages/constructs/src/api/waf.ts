import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import type { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import type { BaseStack } from '../base-stack';

/** The AWS managed rule groups every public API gets (no extra charge beyond the rule-group WCU). */
export const WAF_MANAGED_RULE_GROUPS = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'] as const;
/** Rules per web ACL: the two managed groups plus the per-IP rate rule (what `pnpm cost` prices). */
export const WAF_RULE_COUNT = WAF_MANAGED_RULE_GROUPS.length + 1;

const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

/**
 * A regional WAF web ACL on an API stage, when config turns it on (`ENABLE_WAF`, production default):
 * the AWS common rule set and known-bad-inputs (managed groups, `override_action none` so their own
 * block actions apply) and a rate-based rule per client IP (`WAF_RATE_LIMIT` per 5 minutes).
 */
export function apiWaf(stack: BaseStack, name: string, stage: ApiGatewayStage): Wafv2WebAcl | undefined {
  const { api } = stack.config;
  if (!api.waf) return undefined;
  const aclName = stack.naming.name(`${name}-waf`);
  const metric = aclName.replace(/[^A-Za-z0-9]/g, '');
  const acl = new Wafv2WebAcl(stack, 'waf', {
    name: aclName,
    description: `Managed rules and per-IP rate limit for ${name}`,
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    visibilityConfig: visibility(metric),
    rule: [
      ...WAF_MANAGED_RULE_GROUPS.map((group, i) => ({
        name: group,
        priority: i,
        overrideAction: { none: {} },
        // The provider types `statement` loosely (any), so cdktf does not rename its keys: Terraform's names.
        statement: { managed_rule_group_statement: { name: group, vendor_name: 'AWS' } },
        visibilityConfig: visibility(`${metric}${group}`),
      })),
      {
        name: 'RatePerClientIp',
        priority: WAF_MANAGED_RULE_GROUPS.length,
        action: { block: {} },
        statement: { rate_based_statement: { limit: api.wafRateLimit, aggregate_key_type: 'IP' } },
        visibilityConfig: visibility(`${metric}RatePerClientIp`),
      },
    ],
  });
  new Wafv2WebAclAssociation(stack, 'waf-association', { resourceArn: stage.arn, webAclArn: acl.arn });
  return acl;
}
