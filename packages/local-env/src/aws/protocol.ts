import type { IncomingMessage, ServerResponse } from 'node:http';

/** An AWS JSON-protocol error: `__type` is what the SDK maps to an exception class. */
export class AwsError extends Error {
  constructor(readonly code: string, message: string, readonly status = 400, readonly queryCode?: string) {
    super(message);
  }
}

/** Reads a request body fully. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Writes an AWS JSON response (1.0 or 1.1 content type). */
export function sendJson(res: ServerResponse, status: number, body: unknown, contentType: string, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': cryptoId(), ...extra });
  res.end(text);
}

export function cryptoId(): string {
  return globalThis.crypto.randomUUID();
}

/** A JSON request body ({} when empty); malformed JSON is AWS's SerializationException. */
export function parseBody(raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new AwsError('SerializationException', 'Malformed JSON request body');
  }
}

/** A number field of a request (the SDK may send numbers as strings). */
export function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : undefined;
}

/** A string field of a request, if it is one. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
