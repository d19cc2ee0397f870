import { block, bool } from '@tap/synth';
import { minimumTerraformVersion } from './backend-options';
import { defineRule } from './define';

/** TAP-BACKEND-02 remote state is locked (use_lockfile, or a DynamoDB table on Terraform < 1.11) — no public anchor (docs/decisions/004-s3-state-locking.md). */
export const backendLocking = defineRule(
  {
    id: 'TAP-BACKEND-02',
    severity: 'error',
    description: 'S3 backend has state locking: use_lockfile (Terraform >= 1.10) or dynamodb_table (deprecated from 1.11)',
    anchors: [],
  },
  (ctx, report) => {
    const terraform = ctx.stack.json.terraform ?? {};
    const s3 = block((block(terraform.backend) ?? {}).s3);
    if (!s3) return;
    const lockfile = bool(s3.use_lockfile) === true;
    const table = typeof s3.dynamodb_table === 'string' && s3.dynamodb_table !== '';
    if (!lockfile && !table) {
      report('terraform.backend.s3', 'S3 backend without state locking: two applies can corrupt the state. Fix: set use_lockfile = true (override terraform.backend.s3.use_lockfile, with required_version >= 1.10), or a dynamodb_table on older Terraform.');
      return;
    }
    const pinned = minimumTerraformVersion(terraform.required_version);
    if (table && !lockfile && pinned && (pinned[0] > 1 || pinned[1] >= 11)) {
      report('terraform.backend.s3', 'dynamodb_table locking is deprecated from Terraform 1.11, which this stack pins. Fix: use use_lockfile = true and drop the table once no older Terraform uses this state.', 'warning');
    }
  },
);
