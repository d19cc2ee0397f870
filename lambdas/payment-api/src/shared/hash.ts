// The payload hash of an idempotency record: the shared helpers (one home, @tap/lambda-kit).
export { canonicalJson, sha256 } from '@tap/lambda-kit';
