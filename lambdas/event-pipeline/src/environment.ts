/**
 * The environment each pipeline handler reads, declared once: the handler reads it through
 * `environmentOf<...>()` (@tap/lambda-kit) and the stack's function `satisfies` it. Types only.
 */
export interface AuthorizerEnvironment {
  readonly TOKEN_PARAMETER_NAME: string;
  /** The token before the last rotation, accepted during the overlap. @default none */
  readonly PREVIOUS_TOKEN_PARAMETER_NAME?: string;
  /** How long the previous token stays valid after a rotation. @default the handler's DEFAULT_OVERLAP_MS */
  readonly TOKEN_OVERLAP_SECONDS?: string;
}

export interface IngestEnvironment {
  readonly EVENT_BUS_NAME: string;
  readonly EVENT_SOURCE: string;
}

export interface ProcessEnvironment {
  readonly TABLE_NAME: string;
}
