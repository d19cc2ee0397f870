import { Construct } from 'constructs';
import { BackupPlan } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { BaseStack } from './base-stack';
import { assumeRolePolicy } from './iam';

export interface TableBackupPlanProps {
  /** Base of the vault, plan, selection and role names (the suffix is added). */
  readonly name: string;
  /** ARNs of the DynamoDB tables to back up. */
  readonly tableArns: readonly string[];
  /** The stack's KMS key: encrypts the vault's recovery points. */
  readonly kmsKeyArn: string;
  /** Days a daily recovery point is kept. @default 35 (PITR covers the last 35 days at second granularity; this keeps one point a day beyond a table deletion). */
  readonly retentionDays?: number;
  /** When the daily rule runs (UTC, AWS Backup cron). @default `cron(0 3 * * ? *)` */
  readonly schedule?: string;
}

/**
 * An AWS Backup plan for a stack's tables (REST-10): a vault encrypted with the stack key, a daily
 * rule with a retention, a selection naming exactly the given tables, and a role AWS Backup assumes with
 * the AWS managed backup and restore policies. PITR protects against bad writes; this protects against
 * a deleted table or a PITR window that has passed (recovery points outlive the table).
 */
export class TableBackupPlan extends Construct {
  readonly vault: BackupVault;
  readonly plan: BackupPlan;
  readonly selection: BackupSelection;
  readonly role: IamRole;

  constructor(stack: BaseStack, id: string, props: TableBackupPlanProps) {
    super(stack, id);
    const name = (suffix: string) => stack.naming.name(`${props.name}-${suffix}`);
    this.vault = new BackupVault(this, 'vault', { name: name('vault'), kmsKeyArn: props.kmsKeyArn });
    this.plan = new BackupPlan(this, 'plan', {
      name: name('plan'),
      rule: [
        {
          ruleName: 'daily',
          targetVaultName: this.vault.name,
          schedule: props.schedule ?? 'cron(0 3 * * ? *)',
          startWindow: 60,
          completionWindow: 180,
          lifecycle: { deleteAfter: props.retentionDays ?? 35 },
        },
      ],
    });
    // AWS Backup assumes this role to create recovery points of the selected tables and to restore them.
    this.role = new IamRole(this, 'role', { name: stack.naming.name(`${props.name}-backup`, 'iamRole'), assumeRolePolicy: assumeRolePolicy('backup.amazonaws.com', stack.accountId) });
    for (const [attachment, policy] of [
      ['backup-policy', 'AWSBackupServiceRolePolicyForBackup'],
      ['restore-policy', 'AWSBackupServiceRolePolicyForRestores'],
    ] as const) {
      new IamRolePolicyAttachment(this, attachment, { role: this.role.name, policyArn: `arn:${stack.partition}:iam::aws:policy/service-role/${policy}` });
    }
    this.selection = new BackupSelection(this, 'selection', { name: name('tables'), planId: this.plan.id, iamRoleArn: this.role.arn, resources: [...props.tableArns] });
  }
}

/** The plan where the profile asks for one (config.dynamodb.backupPlan, production); undefined otherwise. */
export function tableBackupPlan(stack: BaseStack, props: TableBackupPlanProps): TableBackupPlan | undefined {
  return stack.config.dynamodb.backupPlan ? new TableBackupPlan(stack, 'backup', props) : undefined;
}
