/**
 * SigV4 signing of one API request (service execute-api) with @smithy/signature-v4, the SDK's signer:
 * the client side of what sigv4.ts verifies, and the one place the load tool, the operations suites and
 * the integration suite sign their calls to the IAM-authorized APIs (locally or on AWS).
 */
import { NodeSha256 } from './node-sha256';
import { signatureV4 } from './signer';

export interface ClientCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** The headers to send (Host left to fetch, which sends the value signed). */
export async function signedHeaders(
  target: string,
  credentials: ClientCredentials,
  call: { readonly method: string; readonly headers?: Record<string, string>; readonly body?: string; readonly signingDate?: Date; readonly region?: string },
): Promise<Record<string, string>> {
  const url = new URL(target);
  const SignatureV4 = signatureV4();
  const signer = new SignatureV4({ service: 'execute-api', region: call.region ?? process.env.AWS_REGION ?? 'us-east-1', credentials, sha256: NodeSha256 });
  const query: Record<string, string> = {};
  url.searchParams.forEach((v, k) => (query[k] = v));
  const signed = await signer.sign(
    {
      method: call.method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query,
      headers: { host: url.host, ...(call.headers ?? {}) },
      body: call.body,
    },
    { signingDate: call.signingDate ?? new Date() },
  );
  const headers = { ...(signed.headers as Record<string, string>) };
  delete headers.host;
  return headers;
}
