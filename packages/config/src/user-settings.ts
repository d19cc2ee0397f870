import { dnsNameProblem, s3BucketNameProblem } from './aws-names';
import { ConfigError } from './errors';
import type { EnvironmentConfig } from './types';

/**
 * Values a user types into environment variables, checked against what AWS accepts and against each
 * other, so a mistake stops the synth naming the variable instead of failing at deploy time.
 */
export function validateUserSettings(config: EnvironmentConfig): void {
  if (config.customDomain?.domainName) {
    const problem = dnsNameProblem(config.customDomain.domainName);
    if (problem) throw new ConfigError('CUSTOM_DOMAIN_NAME', `"${config.customDomain.domainName}" ${problem}`, 'set a DNS name inside the hosted zone HOSTED_ZONE_ID, e.g. events.example.com, or unset both');
  }
  if (config.customDomain?.hostedZoneId && !/^Z[A-Z0-9]{1,31}$/.test(config.customDomain.hostedZoneId)) {
    throw new ConfigError('HOSTED_ZONE_ID', `"${config.customDomain.hostedZoneId}" is not a Route 53 hosted zone id`, 'use the id without /hostedzone/, e.g. Z0123456789ABCDEFGHIJ (aws route53 list-hosted-zones)');
  }
  if (config.backend.kind === 's3') {
    const problem = s3BucketNameProblem(config.backend.bucket);
    if (problem) throw new ConfigError('TF_STATE_BUCKET', `"${config.backend.bucket}" ${problem}`, 'use the name of an existing S3 bucket: 3-63 lowercase letters, digits, "-" or ".", e.g. my-org-tf-state');
  }
  // A copy that attaches to shared infrastructure (the pr profile) is one of many: an account singleton
  // it created would be overwritten by the next copy and reset for the whole account on destroy.
  if (config.accountSingletons && config.network.mode === 'shared') {
    throw new ConfigError(
      'ENABLE_ACCOUNT_SINGLETONS',
      `true with ENVIRONMENT_PROFILE=${config.profile}, whose environments are many short-lived copies`,
      'unset ENABLE_ACCOUNT_SINGLETONS for this environment; set it in exactly one long-lived environment per account and Region (see "Account prerequisites" in README.md)',
    );
  }
}
