import { createHash } from 'node:crypto';

/**
 * Local credentials per function, so the local AWS endpoint knows which function (and so which
 * synthesized role) signed a call: each container gets its own access key id, as each Lambda function
 * gets its own role session in AWS. Keys are derived from the function name, 20 characters like AWS's.
 */
export class FunctionIdentities {
  private readonly byKey = new Map<string, string>();

  credentials(functionName: string): Record<string, string> {
    const key = `AKIALOCAL${createHash('sha1').update(functionName).digest('hex').slice(0, 11).toUpperCase()}`;
    this.byKey.set(key, functionName);
    return { AWS_ACCESS_KEY_ID: key, AWS_SECRET_ACCESS_KEY: `local-${functionName}` };
  }

  /** The function whose key signed a request (SigV4 `Authorization: ... Credential=<key>/...`), if any. */
  caller(authorization: string | string[] | undefined): string | undefined {
    const text = Array.isArray(authorization) ? authorization[0] : authorization;
    const key = /Credential=([A-Z0-9]+)\//.exec(text ?? '')?.[1];
    return key ? this.byKey.get(key) : undefined;
  }
}
