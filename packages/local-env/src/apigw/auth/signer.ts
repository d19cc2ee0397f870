import type { SignatureV4 } from '@smithy/signature-v4';

/**
 * The SDK's SigV4 signer (@smithy/signature-v4), required on first use rather than at import: it
 * brings the SDK's core with it, a tenth of a second of loading that start-up does not need. The
 * first signed request, or the environment's warm-up after start-up, loads it.
 */
export function signatureV4(): typeof SignatureV4 {
  return (require('@smithy/signature-v4') as typeof import('@smithy/signature-v4')).SignatureV4;
}
