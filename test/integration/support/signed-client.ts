/**
 * Calls the IAM-authorized APIs as a signed client (SigV4, service execute-api, with
 * @smithy/signature-v4, the SDK's signer). Against the local environment the clients are the ones it
 * printed at start-up (INTEGRATION_API_CLIENTS, exported by the global setup); against AWS `client-a`
 * is the default credential chain and the others come from INTEGRATION_API_CLIENTS when given
 * (`{"client-b":{"accessKeyId":..,"secretAccessKey":..,"sessionToken":..}}`), else tests that need
 * them are skipped with a SKIPPED line.
 */
import { SSMClient } from '@aws-sdk/client-ssm';
import { signedHeaders, type ClientCredentials } from '@tap/local-env';

export type { ClientCredentials };

/** Local clients: two granted ones, one in the account without a grant, one from another account. */
export type ClientName = 'client-a' | 'client-b' | 'ungranted' | 'outsider';

function configured(): Partial<Record<ClientName, ClientCredentials>> {
  const raw = process.env.INTEGRATION_API_CLIENTS;
  return raw ? (JSON.parse(raw) as Partial<Record<ClientName, ClientCredentials>>) : {};
}

/** Credentials of a client, or undefined when this target has none for it. */
export async function clientCredentials(name: ClientName): Promise<ClientCredentials | undefined> {
  const given = configured()[name];
  if (given) return given;
  if (name !== 'client-a' || process.env.INTEGRATION_TARGET !== 'aws') return undefined;
  // The SDK's own default chain (env, profile, SSO, role), resolved through any client's config.
  const ssm = new SSMClient({});
  try {
    return await ssm.config.credentials();
  } finally {
    ssm.destroy();
  }
}

export interface SignedCall {
  readonly method: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Sign as of this time (expired-signature tests). Default now. */
  readonly signingDate?: Date;
  /** Change the request after signing (wrong-signature tests). */
  readonly tamper?: (request: { headers: Record<string, string>; body?: string }) => void;
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON, or `{ raw }` when the body is not JSON. */
  readonly body: Record<string, unknown>;
}

async function send(url: URL, method: string, headers: Record<string, string>, body: string | undefined): Promise<Reply> {
  const response = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}), signal: AbortSignal.timeout(15_000) });
  const text = await response.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { raw: text };
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/**
 * A client of these APIs retries what API Gateway throttles (429), as the load run and the token rotation
 * producers do: each method in front of a reserved function admits only what the reservation carries
 * (packages/config/src/throttles.ts; dev items: 10 req/s and a burst of 1 per method), and the suites
 * share the stages. Tests that assert throttling use the operations harness's own call.
 */
async function retryThrottled(attempt: () => Promise<Reply>): Promise<Reply> {
  let reply = await attempt();
  for (let retry = 1; reply.status === 429 && retry <= 20; retry += 1) {
    await new Promise((r) => setTimeout(r, 100 * Math.min(retry, 5)));
    reply = await attempt();
  }
  return reply;
}

/** One request without any signature. */
export function unsignedCall(target: string, call: Omit<SignedCall, 'signingDate' | 'tamper'>): Promise<Reply> {
  return retryThrottled(() => send(new URL(target), call.method, call.headers ?? {}, call.body));
}

/** One SigV4-signed request as `credentials`. */
export async function signedCall(target: string, credentials: ClientCredentials, call: SignedCall): Promise<Reply> {
  const headers = await signedHeaders(target, credentials, call);
  const request = { headers, body: call.body };
  call.tamper?.(request);
  return retryThrottled(() => send(new URL(target), call.method, request.headers, request.body));
}
