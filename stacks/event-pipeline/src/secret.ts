import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import type { BaseStack, EncryptionKey } from '@tap/constructs';

/** Terraform address of the ephemeral random password the token is generated from. */
export const TOKEN_EPHEMERAL = 'ephemeral.aws_secretsmanager_random_password.auth_token';
/** Length of the generated token (letters and digits only, so it travels in a header unescaped). */
export const TOKEN_LENGTH = 48;
/**
 * Bump to rotate the token: Terraform writes a write-only argument only when its version changes.
 * (`terraform apply -replace=<parameter address>` rotates as well.)
 */
export const TOKEN_VERSION = 1;

/**
 * The authorizer token (seed 003 #7), generated at deploy time and never typed in: Secrets Manager's
 * GetRandomPassword as an ephemeral resource (cdktf 0.21 has no construct for those, hence the override),
 * written into a SecureString with the stack key through the write-only `value_wo` (Terraform >= 1.11).
 * The value is in neither source, synthesized JSON, plan nor state, and no `random` provider is needed.
 */
export function authToken(stack: BaseStack, key: EncryptionKey): SsmParameter {
  stack.addOverride(TOKEN_EPHEMERAL, { password_length: TOKEN_LENGTH, exclude_punctuation: true, include_space: false });
  return new SsmParameter(stack, 'auth-token', {
    name: `/${stack.naming.name('event-pipeline')}/auth-token`,
    description: 'Token the event pipeline authorizer accepts (generated at deploy time)',
    type: 'SecureString',
    keyId: key.arn,
    valueWo: `\${${TOKEN_EPHEMERAL}.random_password}`,
    valueWoVersion: TOKEN_VERSION,
  });
}
