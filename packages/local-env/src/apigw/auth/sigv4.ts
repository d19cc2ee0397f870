import { createHash, timingSafeEqual } from 'node:crypto';
import type { LocalClient } from './clients';
import { NodeSha256 } from './node-sha256';
import { signatureV4 } from './signer';

/** A refusal as API Gateway words it. */
export interface Refusal {
  readonly status: number;
  readonly body: Record<string, string>;
  readonly errorType: string;
}

/** What the gateway received, as the signature covers it. */
export interface SignedRequest {
  readonly method: string;
  /** The path as sent (still percent-encoded), stage included. */
  readonly rawPath: string;
  readonly query: URLSearchParams;
  /** Header name (any case) → value. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** API Gateway accepts a signature made within 5 minutes either side of its clock. */
export const MAX_SKEW_MS = 5 * 60 * 1000;
const SERVICE = 'execute-api';

const refuse = (message: string, errorType: string): Refusal => ({ status: 403, body: { message }, errorType });
/** `20240101T000000Z`, the X-Amz-Date format. */
const amzDate = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) : undefined;
}

/**
 * Verifies a SigV4 `Authorization` header the way API Gateway does for `AWS_IAM` methods, by signing
 * the same canonical request again with `@smithy/signature-v4` (the SDK's own signer) and comparing in
 * constant time. Returns the signing client, or API Gateway's 403 for a missing token, an unknown key,
 * a malformed header, a wrong scope, a signature outside the 5-minute window, or a mismatch.
 */
export async function verifySigV4(request: SignedRequest, clients: readonly LocalClient[], region: string, now: number = Date.now()): Promise<{ client: LocalClient } | Refusal> {
  const lower = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const authorization = lower.authorization;
  if (!authorization) return refuse('Missing Authentication Token', 'MissingAuthenticationTokenException');
  const scheme = /^AWS4-HMAC-SHA256 (.*)$/.exec(authorization);
  const params = Object.fromEntries(
    (scheme?.[1] ?? '')
      .split(/,\s*/)
      .map((p) => p.split('='))
      .filter((p) => p.length === 2)
      .map(([k, v]) => [k.trim(), v.trim()]),
  );
  const date = lower['x-amz-date'];
  const missing = [
    params.Credential ? undefined : "Authorization header requires 'Credential' parameter.",
    params.Signature ? undefined : "Authorization header requires 'Signature' parameter.",
    params.SignedHeaders ? undefined : "Authorization header requires 'SignedHeaders' parameter.",
    date ? undefined : "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
  ].filter(Boolean);
  if (!scheme || missing.length > 0) return refuse(`${missing.join(' ')} Authorization=${authorization}`, 'IncompleteSignatureException');

  const [accessKeyId, scopeDate, scopeRegion, scopeService, terminator] = params.Credential.split('/');
  const client = clients.find((c) => c.accessKeyId === accessKeyId);
  if (!client) return refuse('The security token included in the request is invalid.', 'UnrecognizedClientException');
  if (terminator !== 'aws4_request' || scopeService !== SERVICE) return refuse(`Credential should be scoped to correct service: '${SERVICE}'.`, 'InvalidSignatureException');
  if (scopeRegion !== region) return refuse(`Credential should be scoped to a valid region.`, 'InvalidSignatureException');
  const signedAt = parseAmzDate(date);
  if (signedAt === undefined || scopeDate !== date.slice(0, 8)) return refuse('Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.', 'InvalidSignatureException');
  if (signedAt < now - MAX_SKEW_MS) return refuse(`Signature expired: ${date} is now earlier than ${amzDate(now - MAX_SKEW_MS)} (${amzDate(now)} - 5 min.)`, 'InvalidSignatureException');
  if (signedAt > now + MAX_SKEW_MS) return refuse(`Signature not yet current: ${date} is still later than ${amzDate(now + MAX_SKEW_MS)} (${amzDate(now)} + 5 min.)`, 'InvalidSignatureException');

  const mismatch = refuse(
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    'InvalidSignatureException',
  );
  // The signer trusts a body hash header as given; the gateway checks it against the body it received.
  const declared = lower['x-amz-content-sha256'];
  if (declared !== undefined && declared !== 'UNSIGNED-PAYLOAD' && declared !== createHash('sha256').update(request.body).digest('hex')) return mismatch;

  const signedNames = params.SignedHeaders.split(';');
  if (!signedNames.includes('host')) return mismatch;
  const headers: Record<string, string> = {};
  for (const name of signedNames) {
    if (lower[name] === undefined) return mismatch;
    headers[name] = lower[name];
  }
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(request.query.keys())) {
    const values = request.query.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  // applyChecksum off: only what the client signed is signed again (it may or may not have sent a body hash).
  const SignatureV4 = signatureV4();
  const signer = new SignatureV4({ service: SERVICE, region, sha256: NodeSha256, applyChecksum: false, credentials: { accessKeyId: client.accessKeyId, secretAccessKey: client.secretAccessKey, sessionToken: lower['x-amz-security-token'] } });
  const expected = await signer.sign(
    { method: request.method, protocol: 'http:', hostname: headers.host.split(':')[0], path: request.rawPath, query, headers, body: request.body.length > 0 ? request.body : undefined },
    { signingDate: new Date(signedAt), signableHeaders: new Set(signedNames) },
  );
  const want = /Signature=([0-9a-f]+)/.exec(String(expected.headers.authorization ?? ''))?.[1] ?? '';
  const got = params.Signature;
  const ok = want.length === got.length && timingSafeEqual(Buffer.from(want), Buffer.from(got));
  return ok ? { client } : mismatch;
}
