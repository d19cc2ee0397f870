import type { StackJson } from '@tap/synth';
import type { ProfileName } from '@tap/config';
import { appStacks, SHARED_SUFFIX } from '../../helpers/shared-synth';

const STACKS = { 'payment-api': ['payment-api-payments', 'payment-api-idempotency', 'payment-api-audit'], 'rest-api': ['rest-api-items'], 'event-pipeline': ['pipeline-events'] } as const;

function synthStacks(profile: ProfileName): Map<string, StackJson> {
  const out = new Map<string, StackJson>();
  for (const { name, json } of appStacks({ suffix: SHARED_SUFFIX, profile })) if (name in STACKS) out.set(name, json);
  return out;
}

describe('REST-10: AWS Backup plan for the tables', () => {
  const production = synthStacks('production');

  it.each(Object.entries(STACKS))('REST-10: production %s has a KMS-encrypted vault, a daily rule with retention, and a selection naming its tables', (stack, tables) => {
    const json = production.get(stack);
    if (!json) throw new Error(`${stack} not synthesized`);
    const vaults = Object.values(json.resource?.aws_backup_vault ?? {});
    expect(vaults).toHaveLength(1);
    expect(String(vaults[0].kms_key_arn)).toMatch(/^\$\{aws_kms_key\./);
    const plan = Object.values(json.resource?.aws_backup_plan ?? {})[0] as { rule: { schedule: string; lifecycle: { delete_after: number }; target_vault_name: string }[] };
    expect(plan.rule).toHaveLength(1);
    expect(plan.rule[0].schedule).toMatch(/^cron\(/);
    expect(plan.rule[0].lifecycle.delete_after).toBeGreaterThanOrEqual(7);
    expect(plan.rule[0].target_vault_name).toMatch(/aws_backup_vault\./);
    const selection = Object.values(json.resource?.aws_backup_selection ?? {})[0] as { resources: string[]; iam_role_arn: string };
    const tableIds = Object.entries(json.resource?.aws_dynamodb_table ?? {}).filter(([, t]) => tables.some((n) => String(t.name).startsWith(n))).map(([id]) => `\${aws_dynamodb_table.${id}.arn}`);
    expect(tableIds).toHaveLength(tables.length);
    expect([...selection.resources].sort()).toEqual(tableIds.sort());
    const role = Object.values(json.resource?.aws_iam_role ?? {}).find((r) => String(r.assume_role_policy).includes('backup.amazonaws.com'));
    expect(role).toBeDefined();
    const attachments = Object.values(json.resource?.aws_iam_role_policy_attachment ?? {}).map((a) => String(a.policy_arn));
    expect(attachments).toEqual(expect.arrayContaining([expect.stringMatching(/AWSBackupServiceRolePolicyForBackup$/), expect.stringMatching(/AWSBackupServiceRolePolicyForRestores$/)]));
  });

  it.each(['dev', 'pr'] as const)('REST-10: profile %s has no backup plan (PITR off, ephemeral copies)', (profile) => {
    for (const [stack, json] of synthStacks(profile)) {
      for (const type of ['aws_backup_vault', 'aws_backup_plan', 'aws_backup_selection']) expect([stack, type, Object.keys(json.resource?.[type] ?? {})]).toEqual([stack, type, []]);
    }
  });
});
