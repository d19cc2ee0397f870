/**
 * The environment each payment handler reads, declared once: the handler reads it through
 * `environmentOf<...>()` (@tap/lambda-kit) and the stack's function `satisfies` it. Types only.
 */
export interface CreatePaymentEnvironment {
  readonly PAYMENTS_TABLE: string;
  readonly IDEMPOTENCY_TABLE: string;
  readonly AUDIT_TABLE: string;
  /** Comma-separated origins allowed by CORS. @default none */
  readonly CORS_ORIGINS?: string;
  /** How long a claim locks its key. @default 35 */
  readonly IDEMPOTENCY_LOCK_SECONDS?: string;
  /** How long a completed key is kept. @default 86400 */
  readonly IDEMPOTENCY_TTL_SECONDS?: string;
}

export interface GetPaymentEnvironment {
  readonly PAYMENTS_TABLE: string;
  /** Comma-separated origins allowed by CORS. @default none */
  readonly CORS_ORIGINS?: string;
}
