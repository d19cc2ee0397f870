import { dnsNameProblem } from '@tap/config';
import { hasToken, resources } from '@tap/synth';
import { defineRule } from './define';

/** Where a synthesized stack names a custom domain (literal values only: tokens resolve at apply). */
const DOMAIN_ATTRIBUTES: Record<string, string> = {
  aws_api_gateway_domain_name: 'domain_name',
  aws_apigatewayv2_domain_name: 'domain_name',
  aws_acm_certificate: 'domain_name',
};

/** TAP-DOMAIN-01 custom domain names are DNS names — no public anchor (ACM and API Gateway reject the rest at apply). */
export const customDomainName = defineRule(
  {
    id: 'TAP-DOMAIN-01',
    severity: 'error',
    description: 'Custom domain names (API Gateway domain, ACM certificate) are valid DNS names: two or more labels of a-z, 0-9, "-"',
    anchors: [],
  },
  (ctx, report) => {
    for (const r of resources(ctx.stack.json, ...Object.keys(DOMAIN_ATTRIBUTES))) {
      const value = r.body[DOMAIN_ATTRIBUTES[r.type]];
      if (typeof value !== 'string' || hasToken(value)) continue;
      // A wildcard certificate (*.example.com) covers the names under it.
      const problem = dnsNameProblem(value.replace(/^\*\./, ''));
      if (problem) report(r.address, `${DOMAIN_ATTRIBUTES[r.type]} "${value}" ${problem}; the certificate request and the domain fail at apply. Fix: set CUSTOM_DOMAIN_NAME to a DNS name in the hosted zone, e.g. events.example.com.`);
    }
  },
);
