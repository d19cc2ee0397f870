import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import type { BaseStack, EncryptionKey } from '@tap/constructs';

/** Terraform address of the ephemeral random password the token is generated from. */
export const TOKEN_EPHEMERAL = 'ephemeral.aws_secretsmanager_random_password.auth_token';
/** The first "previous" token: random and held by nobody, so nothing but the current token works after a deploy. */
export const PREVIOUS_TOKEN_EPHEMERAL = 'ephemeral.aws_secretsmanager_random_password.auth_token_previous';
/**
 * How long the previous token keeps working after a rotation (counted from when `pnpm rotate-token` wrote
 * it, the parameter's LastModifiedDate): the time producers have to pick up the new token.
 */
export const TOKEN_OVERLAP_SECONDS = 3600;
/** Length of the generated token (letters and digits only, so it travels in a header unescaped). */
export const TOKEN_LENGTH = 48;
/** The token format, checked by API Gateway before the authorizer runs (identity_validation_expression). */
export const TOKEN_PATTERN = `^[A-Za-z0-9]{${TOKEN_LENGTH}}$`;
/**
 * Version of the deploy-time value. Terraform writes a write-only argument only when this changes, so a
 * rotation by `pnpm rotate-token` is never undone by a later apply. Do not bump it to rotate: that
 * replaces the token without an overlap (docs/security.md, "Rotating the event token").
 */
export const TOKEN_VERSION = 1;

export interface AuthTokens {
  /** The token producers send now. */
  readonly current: SsmParameter;
  /** The token before the last rotation, accepted for TOKEN_OVERLAP_SECONDS after it was written. */
  readonly previous: SsmParameter;
}

/**
 * The authorizer token (PIPE-07), generated at deploy time and never typed in: Secrets Manager's
 * GetRandomPassword as an ephemeral resource (cdktf 0.21 has no construct for those, hence the override),
 * written into a SecureString with the stack key through the write-only `value_wo` (Terraform >= 1.11).
 * The value is in neither source, synthesized JSON, plan nor state, and no `random` provider is needed.
 */
export function authToken(stack: BaseStack, key: EncryptionKey): AuthTokens {
  const password = { password_length: TOKEN_LENGTH, exclude_punctuation: true, include_space: false };
  stack.addOverride(TOKEN_EPHEMERAL, password);
  stack.addOverride(PREVIOUS_TOKEN_EPHEMERAL, password);
  const prefix = `/${stack.naming.name('event-pipeline')}`;
  const current = new SsmParameter(stack, 'auth-token', {
    name: `${prefix}/auth-token`,
    description: 'Token the event pipeline authorizer accepts (generated at deploy time, rotated by pnpm rotate-token)',
    type: 'SecureString',
    keyId: key.arn,
    valueWo: `\${${TOKEN_EPHEMERAL}.random_password}`,
    valueWoVersion: TOKEN_VERSION,
  });
  const previous = new SsmParameter(stack, 'auth-token-previous', {
    name: `${prefix}/auth-token-previous`,
    description: `Token before the last rotation, accepted ${TOKEN_OVERLAP_SECONDS} s after it was written`,
    type: 'SecureString',
    keyId: key.arn,
    valueWo: `\${${PREVIOUS_TOKEN_EPHEMERAL}.random_password}`,
    valueWoVersion: TOKEN_VERSION,
  });
  return { current, previous };
}
