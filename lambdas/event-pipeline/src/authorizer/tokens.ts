import { GetParameterCommand, type GetParameterCommandOutput, type SSMClient } from '@aws-sdk/client-ssm';
import { errorName, type Log } from '@tap/lambda-kit';
import type { KnownTokens } from './authorize';

/**
 * Reads the current and previous tokens from their SecureString parameters (decrypted with the stack
 * key). The previous one is optional: unreadable, only the rotation's overlap is lost. Its
 * LastModifiedDate is when the rotation happened (the overlap window counts from it), which is why
 * this reads GetParameter itself rather than through Powertools Parameters (whose `get` returns the
 * value only).
 */
export function ssmTokens(ssm: Pick<SSMClient, 'send'>, currentName: string, previousName: string, log: Log): () => Promise<KnownTokens> {
  const read = (name: string): Promise<GetParameterCommandOutput> => ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
  return async () => {
    const [current, previous] = await Promise.all([
      read(currentName),
      previousName
        ? read(previousName).catch((error: unknown) => {
            // Only the overlap is lost: the current token still works.
            log.warn('previous token unreadable', { errorName: errorName(error) });
            return undefined;
          })
        : undefined,
    ]);
    const value = current.Parameter?.Value;
    if (!value) throw new Error(`parameter ${currentName} has no value`);
    const old = previous?.Parameter;
    return {
      current: value,
      ...(old?.Value && old.LastModifiedDate ? { previous: { value: old.Value, writtenAt: old.LastModifiedDate.getTime() } } : {}),
    };
  };
}
