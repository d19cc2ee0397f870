/**
 * The environment the items handler reads, declared once: the handler reads it through
 * `environmentOf<...>()` (@tap/lambda-kit) and the stack's function `satisfies` it. Types only.
 */
export interface ItemsEnvironment {
  readonly ITEMS_TABLE_NAME: string;
  /** The list index. @default by-created */
  readonly ITEMS_LIST_INDEX?: string;
  /** Shards of the list index's partition key. @default 1 */
  readonly ITEMS_LIST_SHARDS?: string;
  /** Comma-separated origins allowed by CORS. @default none */
  readonly CORS_ORIGINS?: string;
}
