/** One IAM policy statement. Every call site says in a comment why each action is needed. */
export interface PolicyStatement {
  /** Statement id, also the short reason (e.g. `ReadPaymentsByKey`). */
  readonly sid: string;
  readonly actions: readonly string[];
  /** ARNs the actions apply to. `*` only where the service has no resource-level permissions (documented at the call site). */
  readonly resources: readonly string[];
  /** @default 'Allow' */
  readonly effect?: 'Allow' | 'Deny';
  /** IAM condition block, operator → key → value(s). @default none */
  readonly conditions?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** Renders statements as an IAM policy JSON string (tokens become Terraform interpolations). */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: statements.map((s) => ({
      Sid: s.sid,
      Effect: s.effect ?? 'Allow',
      Action: [...s.actions],
      Resource: [...s.resources],
      ...(s.conditions ? { Condition: s.conditions } : {}),
    })),
  });
}

/** A role trust policy for one AWS service principal, optionally scoped to the deploying account. */
export function assumeRolePolicy(service: string, sourceAccount?: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sts:AssumeRole',
        ...(sourceAccount ? { Condition: { StringEquals: { 'aws:SourceAccount': sourceAccount } } } : {}),
      },
    ],
  });
}
