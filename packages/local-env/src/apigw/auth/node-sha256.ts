import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';

/** What the signer hands a hash (the SDK's SourceData). */
type SourceData = string | ArrayBuffer | ArrayBufferView;

const bytes = (data: SourceData): Buffer =>
  typeof data === 'string' ? Buffer.from(data, 'utf8') : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);

/**
 * The SHA-256 / HMAC-SHA-256 the signer needs, from Node's own crypto (OpenSSL) instead of the pure-JS
 * implementation: the gateway verifies every request, and a burst must not queue behind hashing.
 * (The same adapter the SDK's @smithy/hash-node provides, over the same node:crypto calls.)
 */
export class NodeSha256 {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }

  update(data: Uint8Array): void {
    this.hash.update(bytes(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }

  reset(): void {
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(this.secret));
  }
}
