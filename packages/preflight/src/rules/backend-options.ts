import { block } from '@tap/synth';
import { defineRule } from './define';

/** Arguments of the S3 backend and the Terraform version that introduced each (absent: any supported version). */
const S3_BACKEND_ARGS: Record<string, [number, number] | undefined> = {
  use_lockfile: [1, 10],
  ...Object.fromEntries(
    [
      'bucket', 'key', 'region', 'encrypt', 'kms_key_id', 'acl', 'dynamodb_table', 'dynamodb_endpoint', 'workspace_key_prefix',
      'profile', 'shared_credentials_file', 'shared_credentials_files', 'shared_config_files', 'access_key', 'secret_key', 'token',
      'role_arn', 'session_name', 'external_id', 'assume_role', 'assume_role_duration_seconds', 'assume_role_policy',
      'assume_role_policy_arns', 'assume_role_tags', 'assume_role_transitive_tag_keys', 'assume_role_with_web_identity',
      'endpoint', 'endpoints', 'iam_endpoint', 'sts_endpoint', 'sts_region', 'force_path_style', 'use_path_style',
      'skip_credentials_validation', 'skip_region_validation', 'skip_metadata_api_check', 'skip_requesting_account_id',
      'skip_s3_checksum', 'sse_customer_key', 'insecure', 'max_retries', 'retry_mode', 'custom_ca_bundle',
      'ec2_metadata_service_endpoint', 'ec2_metadata_service_endpoint_mode', 'http_proxy', 'https_proxy', 'no_proxy',
      'allowed_account_ids', 'forbidden_account_ids', 'use_dualstack_endpoint', 'use_fips_endpoint', 'use_legacy_workflow',
    ].map((k) => [k, undefined]),
  ),
};

/**
 * Lowest Terraform version a `required_version` constraint admits (e.g. ">= 1.11.0" → 1.11, "~> 1.10" → 1.10,
 * ">= 1.5, < 2" → 1.5); undefined when the constraint has no lower bound (or there is none).
 */
export function minimumTerraformVersion(constraint: unknown): [number, number] | undefined {
  if (typeof constraint !== 'string') return undefined;
  let best: [number, number] | undefined;
  for (const part of constraint.split(',')) {
    const m = /^\s*(>=|>|=|~>)?\s*v?(\d+)(?:\.(\d+))?/.exec(part);
    if (!m || /^\s*(<|<=|!=)/.test(part)) continue;
    const v: [number, number] = [Number(m[2]), Number(m[3] ?? 0)];
    if (!best || v[0] > best[0] || (v[0] === best[0] && v[1] > best[1])) best = v;
  }
  return best;
}

const atLeast = (v: [number, number], min: [number, number]): boolean => v[0] > min[0] || (v[0] === min[0] && v[1] >= min[1]);

/** TAP-BACKEND-01 backend options valid for the pinned Terraform — no public anchor (PAY-01, VPC-03: use_lockfile on an old/unpinned Terraform). */
export const backendOptions = defineRule(
  {
    id: 'TAP-BACKEND-01',
    severity: 'error',
    description: 'S3 backend options exist in the Terraform version that required_version pins (use_lockfile needs >= 1.10)',
    anchors: [],
  },
  (ctx, report) => {
    const terraform = ctx.stack.json.terraform ?? {};
    const s3 = block((block(terraform.backend) ?? {}).s3);
    if (!s3) return;
    const pinned = minimumTerraformVersion(terraform.required_version);
    const pinText = typeof terraform.required_version === 'string' ? `required_version "${terraform.required_version}"` : 'no required_version';
    for (const key of Object.keys(s3)) {
      if (!(key in S3_BACKEND_ARGS)) {
        report('terraform.backend.s3', `S3 backend has no argument "${key}"; terraform init fails with "No argument or block type is named ${key}". Fix: remove the override or correct its name.`);
        continue;
      }
      const since = S3_BACKEND_ARGS[key];
      if (since && (!pinned || !atLeast(pinned, since))) {
        report(
          'terraform.backend.s3',
          `"${key}" exists from Terraform ${since.join('.')} but the stack has ${pinText}, so an older Terraform fails at init with "No argument or block type is named ${key}" (docs/failures.md PAY-01, VPC-03). Fix: pin terraform.required_version to ">= ${since.join('.')}" (this repo: ">= 1.11.0") next to the override.`,
        );
      }
    }
  },
);
