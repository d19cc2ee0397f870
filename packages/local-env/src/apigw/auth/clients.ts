import { randomBytes } from 'node:crypto';

/** A policy document as IAM reads it. */
export type PolicyDocument = Record<string, unknown>;

/**
 * One local API client: credentials to sign with (SigV4, service `execute-api`), the IAM identity
 * they stand for (an assumed-role session, as a service's task or function would be) and that
 * identity's policies. Generated at start-up, printed, and handed to the integration suite.
 */
export interface LocalClient {
  readonly name: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly accountId: string;
  /** `arn:aws:iam::<account>:role/<role>`. */
  readonly roleArn: string;
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>`: what API Gateway reports as userArn. */
  readonly sessionArn: string;
  /** The role's unique id (`AROA...`), API Gateway's `identity.user` / prefix of `identity.caller`. */
  readonly roleId: string;
  readonly identityPolicies: readonly PolicyDocument[];
  /** Why this client exists (printed at start-up). */
  readonly purpose: string;
}

/** An account no stack here names: its principals are refused by every resource policy. */
export const OUTSIDE_ACCOUNT_ID = '999999999999';

const id = (prefix: string, n: number) => `${prefix}${randomBytes(n).toString('hex').toUpperCase()}`.slice(0, prefix.length + n * 2);

function client(name: string, accountId: string, identityPolicies: readonly PolicyDocument[], purpose: string): LocalClient {
  const role = `tap-local-${name}`;
  return {
    name,
    accessKeyId: id('ASIA', 8),
    secretAccessKey: randomBytes(30).toString('base64').replace(/[+/=]/g, 'x'),
    accountId,
    roleArn: `arn:aws:iam::${accountId}:role/${role}`,
    sessionArn: `arn:aws:sts::${accountId}:assumed-role/${role}/local`,
    roleId: id('AROA', 8),
    identityPolicies,
    purpose,
  };
}

/**
 * The local clients. `grants` are the client grant policies the stacks output (`*ClientPolicy`), so
 * the two granted clients hold exactly what docs/security.md tells a real client to attach.
 * - client-a, client-b: granted, in the deploying account (two clients, for caller scoping);
 * - ungranted: in the deploying account, no identity policy (the resource policy alone does not grant);
 * - outsider: another account, allowed everything by its own policy, named by no resource policy.
 */
export function localClients(accountId: string, grants: readonly PolicyDocument[]): LocalClient[] {
  const everything: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }] };
  return [
    client('client-a', accountId, grants, 'granted the stacks\' client policies'),
    client('client-b', accountId, grants, 'granted the same policies: a second client'),
    client('ungranted', accountId, [], 'same account, no identity policy'),
    client('outsider', OUTSIDE_ACCOUNT_ID, [everything], 'another account, not in any resource policy'),
  ];
}
