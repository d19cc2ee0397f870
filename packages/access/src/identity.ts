import { ACCOUNT_ID } from './arns';
import { blocks, policyJson, type AppModel, type Res } from './model';
import type { NamedPolicy } from './simulate';

/**
 * AWS managed policies this app attaches, as published by AWS (IAM console, "AWS managed policies"),
 * cut to the statements the interactions here rely on. A managed policy not listed makes the role's
 * requests UNKNOWN rather than silently allowed.
 */
export const MANAGED_POLICIES: Readonly<Record<string, Record<string, unknown>>> = {
  'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole': {
    Version: '2012-10-17',
    Statement: [{ Sid: 'Logs', Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
  },
  'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole': {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Logs', Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' },
      { Sid: 'Enis', Effect: 'Allow', Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'], Resource: '*' },
    ],
  },
  'arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs': {
    Version: '2012-10-17',
    Statement: [{ Sid: 'Logs', Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:PutLogEvents', 'logs:GetLogEvents', 'logs:FilterLogEvents'], Resource: '*' }],
  },
  'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup': {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'DynamoDBBackup', Effect: 'Allow', Action: ['dynamodb:DescribeTable', 'dynamodb:CreateBackup'], Resource: 'arn:aws:dynamodb:*:*:table/*' },
      { Sid: 'KmsDescribe', Effect: 'Allow', Action: 'kms:DescribeKey', Resource: '*' },
      { Sid: 'KmsGrant', Effect: 'Allow', Action: 'kms:CreateGrant', Resource: '*', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } },
    ],
  },
  'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores': {
    Version: '2012-10-17',
    Statement: [{ Sid: 'DynamoDBRestore', Effect: 'Allow', Action: ['dynamodb:RestoreTableFromBackup', 'dynamodb:DescribeTable'], Resource: '*' }],
  },
};

/** A role's identity policies: inline blocks, role policies, attached customer and AWS managed policies. */
export interface RolePolicies {
  readonly role: Res;
  readonly arn: string;
  readonly policies: NamedPolicy[];
  /** Managed policy ARNs attached that MANAGED_POLICIES does not know. */
  readonly unknownManaged: string[];
}

export function rolePolicies(model: AppModel, role: Res): RolePolicies {
  const a = model.attrs(role) ?? {};
  const arn = String(a.arn);
  const policies: NamedPolicy[] = [];
  const unknownManaged: string[] = [];
  const mine = (value: unknown): boolean => value === a.name || value === a.id || value === arn;
  blocks(a.inline_policy).forEach((p, i) => {
    const doc = policyJson(p.policy);
    if (doc) policies.push({ name: `${role.stack}:${role.address}.inline_policy[${i}]`, policy: doc });
  });
  for (const rp of model.ofType('aws_iam_role_policy', true)) {
    const ra = model.attrs(rp) ?? {};
    const doc = policyJson(ra.policy);
    if (rp.stack === role.stack && mine(ra.role) && doc) policies.push({ name: `${rp.stack}:${rp.address}`, policy: doc });
  }
  const attach = (policyArn: string, where: string): void => {
    const managed = MANAGED_POLICIES[policyArn.replace(/^arn:aws[a-z-]*:/, 'arn:aws:')];
    if (managed) return void policies.push({ name: policyArn.split('/').pop() ?? policyArn, policy: managed });
    const customer = model.ofType('aws_iam_policy', true).find((p) => model.attrs(p)?.arn === policyArn);
    const doc = customer ? policyJson(model.attrs(customer)?.policy) : undefined;
    if (customer && doc) policies.push({ name: `${customer.stack}:${customer.address}`, policy: doc });
    else unknownManaged.push(`${policyArn} (${where})`);
  };
  for (const at of model.ofType('aws_iam_role_policy_attachment', true)) {
    const aa = model.attrs(at) ?? {};
    if (at.stack === role.stack && mine(aa.role)) attach(String(aa.policy_arn), at.address);
  }
  for (const m of Array.isArray(a.managed_policy_arns) ? a.managed_policy_arns : []) attach(String(m), role.address);
  return { role, arn, policies, unknownManaged };
}

/** The role a value (`role = ${aws_iam_role.r.arn}`) names, in the stack. */
export function roleOf(model: AppModel, stack: string, value: unknown): Res | undefined {
  const t = model.target(stack, value);
  if (t?.type === 'aws_iam_role') return t;
  const resolved = model.str(stack, value);
  return model.ofType('aws_iam_role').find((r) => model.attrs(r)?.arn === resolved);
}

/** The trust policy of a role as a resource policy. */
export function trustPolicy(model: AppModel, role: Res): NamedPolicy | undefined {
  const doc = policyJson(model.attrs(role)?.assume_role_policy);
  return doc ? { name: `${role.stack}:${role.address}.assume_role_policy`, policy: doc } : undefined;
}

/** The KMS key resource an ARN or key id refers to. */
export function keyOf(model: AppModel, stack: string, value: unknown): Res | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const t = model.target(stack, value);
  if (t?.type === 'aws_kms_key') return t;
  const resolved = model.str(stack, value);
  return model.ofType('aws_kms_key').find((k) => model.attrs(k)?.arn === resolved || model.attrs(k)?.key_id === resolved);
}

/** A key's policy (the key resource's own or an `aws_kms_key_policy`). */
export function keyPolicy(model: AppModel, key: Res): NamedPolicy {
  const separate = model.ofType('aws_kms_key_policy').find((p) => model.attrs(p)?.key_id === model.attrs(key)?.key_id || model.attrs(p)?.key_id === model.attrs(key)?.arn);
  const doc = policyJson(model.attrs(separate ?? key)?.policy) ?? defaultKeyPolicy();
  return { name: `${(separate ?? key).stack}:${(separate ?? key).address}.policy`, policy: doc };
}

/** The policy AWS gives a key created without one: the account administers it through IAM. */
function defaultKeyPolicy(): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: [{ Sid: 'DefaultAccountRoot', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: 'kms:*', Resource: '*' }] };
}
