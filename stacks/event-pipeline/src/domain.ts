import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { ApiGatewayBasePathMapping } from '@cdktf/provider-aws/lib/api-gateway-base-path-mapping';
import { ApiGatewayDomainName } from '@cdktf/provider-aws/lib/api-gateway-domain-name';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import type { BaseStack } from '@tap/constructs';
import type { PipelineApi } from './api';

/**
 * Optional custom domain (PIPE-12), created only when config gives a domain and its hosted zone:
 * a DNS-validated ACM certificate in the stack's Region, a REGIONAL domain name with TLS 1.2, the base
 * path mapping to the stage, and an alias A record. Returns the domain's URL, or undefined.
 */
export function customDomain(stack: BaseStack, api: PipelineApi): string | undefined {
  const domain = stack.config.customDomain;
  if (!domain) return undefined;
  const certificate = new AcmCertificate(stack, 'certificate', {
    domainName: domain.domainName,
    validationMethod: 'DNS',
    // A replaced certificate is issued before the old one is released from the domain name.
    lifecycle: { createBeforeDestroy: true },
  });
  const option = certificate.domainValidationOptions.get(0);
  const validationRecord = new Route53Record(stack, 'certificate-validation-record', {
    zoneId: domain.hostedZoneId,
    name: option.resourceRecordName,
    type: option.resourceRecordType,
    records: [option.resourceRecordValue],
    ttl: 60,
    // Re-running after a partial apply finds the record already there.
    allowOverwrite: true,
  });
  const validation = new AcmCertificateValidation(stack, 'certificate-validation', {
    certificateArn: certificate.arn,
    validationRecordFqdns: [validationRecord.fqdn],
  });
  const domainName = new ApiGatewayDomainName(stack, 'domain', {
    domainName: domain.domainName,
    // The validated ARN, so the domain waits until the certificate is issued.
    regionalCertificateArn: validation.certificateArn,
    endpointConfiguration: { types: ['REGIONAL'] },
    securityPolicy: 'TLS_1_2',
  });
  new ApiGatewayBasePathMapping(stack, 'base-path', {
    apiId: api.front.api.id,
    stageName: api.stage.stageName,
    domainName: domainName.domainName,
  });
  new Route53Record(stack, 'domain-alias', {
    zoneId: domain.hostedZoneId,
    name: domainName.domainName,
    type: 'A',
    alias: { name: domainName.regionalDomainName, zoneId: domainName.regionalZoneId, evaluateTargetHealth: false },
  });
  return `https://${domain.domainName}`;
}
