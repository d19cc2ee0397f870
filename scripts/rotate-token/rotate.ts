/**
 * Rotates the event pipeline's token without an outage: the current value is copied to the "previous"
 * parameter first (the authorizer accepts it for the overlap window, counted from this write), then a
 * new random token becomes current. In between, the old token is in both parameters, so no moment
 * exists in which a producer's token is unknown. The value is never printed or logged.
 */
import { randomInt } from 'node:crypto';
import { GetParameterCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';

/** Same alphabet and length as the deploy-time token (identity_validation_expression accepts only these). */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const ROTATED_TOKEN_LENGTH = 48;

export interface RotateOptions {
  readonly ssm: SSMClient;
  /** `eventPipelineTokenParameterName`. */
  readonly currentName: string;
  /** `eventPipelinePreviousTokenParameterName`. */
  readonly previousName: string;
  /**
   * KMS key of both parameters (`eventPipelineTokenKeyArn`): on AWS an overwrite without it falls back to
   * aws/ssm, which the authorizer may not decrypt. Omitted only against the local environment (no KMS).
   */
  readonly keyId?: string;
  /** Overlap window in seconds (the authorizer's TOKEN_OVERLAP_SECONDS). */
  readonly overlapSeconds: number;
  /** Rotate even though the previous rotation's overlap has not ended (drops the token before the current one). */
  readonly force?: boolean;
  readonly now?: () => number;
}

export interface RotateResult {
  /** The new current token (for the caller to hand to producers; never logged). */
  readonly token: string;
  readonly previousAcceptedUntil: Date;
}

/** A token from the CSPRNG: `randomInt` draws without modulo bias. */
export function newToken(length = ROTATED_TOKEN_LENGTH): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

export async function rotateToken(options: RotateOptions): Promise<RotateResult> {
  const now = options.now ?? Date.now;
  const { ssm } = options;
  const [current, previous] = await Promise.all([
    ssm.send(new GetParameterCommand({ Name: options.currentName, WithDecryption: true })),
    ssm.send(new GetParameterCommand({ Name: options.previousName, WithDecryption: false })),
  ]);
  const value = current.Parameter?.Value;
  if (!value) throw new Error(`${options.currentName}: no current token to rotate from`);
  // Version 1 is the deploy-time placeholder nobody holds; a later version is a rotation's old token.
  const last = previous.Parameter?.LastModifiedDate?.getTime();
  if (!options.force && (previous.Parameter?.Version ?? 1) > 1 && last !== undefined && now() - last < options.overlapSeconds * 1000) {
    const until = new Date(last + options.overlapSeconds * 1000).toISOString();
    throw new Error(`the previous rotation's overlap runs until ${until}: rotating now would cut off producers still on the token before the current one. Fix: wait, or pass --force if they have all switched`);
  }
  const put = (name: string, v: string) => ssm.send(new PutParameterCommand({ Name: name, Value: v, Type: 'SecureString', ...(options.keyId ? { KeyId: options.keyId } : {}), Overwrite: true }));
  // Order matters: previous first, so the old token is accepted throughout.
  await put(options.previousName, value);
  const token = newToken();
  await put(options.currentName, token);
  return { token, previousAcceptedUntil: new Date(now() + options.overlapSeconds * 1000) };
}
