import { resources } from '@tap/synth';
import { defineRule } from './define';

/** Resources of which an account (and region) has exactly one: every environment would fight over them. */
export const ACCOUNT_SINGLETONS = [
  'aws_api_gateway_account',
  'aws_ebs_encryption_by_default',
  'aws_ebs_default_kms_key',
  'aws_s3_account_public_access_block',
  'aws_iam_account_password_policy',
  'aws_iam_account_alias',
  'aws_guardduty_detector',
  'aws_securityhub_account',
  'aws_macie2_account',
  'aws_config_configuration_recorder',
  'aws_xray_encryption_config',
];

/** TAP-SINGLETON-01 no account-wide singleton unless config opted in — no public anchor (PIPE-09, docs/decisions/006-many-environments-per-account.md). */
export const accountSingleton = defineRule(
  {
    id: 'TAP-SINGLETON-01',
    severity: 'error',
    description: 'No account-wide singleton (aws_api_gateway_account, ...) unless config opted in (default tag AccountSingletons=true or --allow-singletons)',
    anchors: [],
  },
  (ctx, report) => {
    if (ctx.allowSingletons) return;
    for (const r of resources(ctx.stack.json, ...ACCOUNT_SINGLETONS)) {
      report(r.address, `${r.type} is one setting per account and region: every PR environment would overwrite it, and destroying any one of them resets it for all. Fix: create it once per account (ENABLE_ACCOUNT_SINGLETONS=true in exactly one environment, then run preflight with --allow-singletons), or leave it to the account baseline.`);
    }
  },
);
