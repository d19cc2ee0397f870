import { fieldErrors, type FieldErrors } from '@tap/lambda-kit';

/** Largest request body accepted (bytes); well under DynamoDB's 400 KB item limit. */
export const MAX_BODY_BYTES = 16 * 1024;
export const MAX_NAME_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 2000;
export const MAX_QUANTITY = 1_000_000_000;
/** Page size bounds of GET /items. */
export const MIN_LIMIT = 1;
export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The client-writable fields of an item. */
export interface ItemInput {
  readonly name: string;
  readonly description?: string;
  readonly quantity?: number;
}

/** PUT body: the full replacement plus the version the client last read (optimistic concurrency). */
export interface ItemUpdate extends ItemInput {
  readonly version: number;
}

export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly fields: FieldErrors };

/** Item ids are server-generated lowercase UUIDs; anything else is a 400, not a lookup. */
export function isItemId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function validateId(value: unknown): Validated<string> {
  return isItemId(value) ? { ok: true, value } : { ok: false, fields: { id: 'must be an item id (lowercase UUID)' } };
}

function isPositiveVersion(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

function checkItemFields(body: Record<string, unknown>, allowed: readonly string[], fields: FieldErrors): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) fields[key] = 'is not an allowed field';
  }
  const { name, description, quantity } = body;
  if (name === undefined) fields.name = 'is required';
  else if (typeof name !== 'string') fields.name = 'must be a string';
  else if (name.trim().length === 0 || name.length > MAX_NAME_LENGTH) fields.name = `must be 1-${MAX_NAME_LENGTH} characters`;
  if (description !== undefined) {
    if (typeof description !== 'string') fields.description = 'must be a string';
    else if (description.length > MAX_DESCRIPTION_LENGTH) fields.description = `must be at most ${MAX_DESCRIPTION_LENGTH} characters`;
  }
  if (quantity !== undefined && !(typeof quantity === 'number' && Number.isInteger(quantity) && quantity >= 0 && quantity <= MAX_QUANTITY)) {
    fields.quantity = `must be an integer from 0 to ${MAX_QUANTITY}`;
  }
}

function input(body: Record<string, unknown>): ItemInput {
  return {
    name: body.name as string,
    ...(body.description !== undefined ? { description: body.description as string } : {}),
    ...(body.quantity !== undefined ? { quantity: body.quantity as number } : {}),
  };
}

/** POST /items body. */
export function validateCreate(body: Record<string, unknown>): Validated<ItemInput> {
  const fields = fieldErrors();
  checkItemFields(body, ['name', 'description', 'quantity'], fields);
  return Object.keys(fields).length ? { ok: false, fields } : { ok: true, value: input(body) };
}

/** PUT /items/{id} body: the item fields plus the expected `version` (the one the client last read). */
export function validateUpdate(body: Record<string, unknown>): Validated<ItemUpdate> {
  const fields = fieldErrors();
  checkItemFields(body, ['name', 'description', 'quantity', 'version'], fields);
  if (body.version === undefined) fields.version = 'is required (the version you last read)';
  else if (!isPositiveVersion(body.version)) fields.version = 'must be a positive integer';
  return Object.keys(fields).length ? { ok: false, fields } : { ok: true, value: { ...input(body), version: body.version as number } };
}

type Query = Readonly<Record<string, string | undefined>> | null | undefined;
type MultiQuery = Readonly<Record<string, readonly string[] | undefined>> | null | undefined;

function checkQueryKeys(query: Query, multi: MultiQuery, allowed: readonly string[], fields: FieldErrors): void {
  for (const key of Object.keys(query ?? {})) {
    if (!allowed.includes(key)) fields[key] = 'is not an allowed query parameter';
  }
  for (const [key, values] of Object.entries(multi ?? {})) {
    if (allowed.includes(key) && (values?.length ?? 0) > 1) fields[key] = 'must be given once';
  }
}

/** GET /items query: `limit` 1..100 (default 20) and an optional opaque `cursor`. */
export function validateListQuery(query: Query, multi: MultiQuery): Validated<{ limit: number; cursor?: string }> {
  const fields = fieldErrors();
  checkQueryKeys(query, multi, ['limit', 'cursor'], fields);
  let limit = DEFAULT_LIMIT;
  const rawLimit = query?.limit;
  if (rawLimit !== undefined) {
    if (!/^\d{1,3}$/.test(rawLimit) || Number(rawLimit) < MIN_LIMIT || Number(rawLimit) > MAX_LIMIT) {
      fields.limit = `must be an integer from ${MIN_LIMIT} to ${MAX_LIMIT}`;
    } else {
      limit = Number(rawLimit);
    }
  }
  const cursor = query?.cursor;
  if (cursor !== undefined && cursor.length === 0) fields.cursor = 'must not be empty';
  if (Object.keys(fields).length) return { ok: false, fields };
  return { ok: true, value: { limit, ...(cursor !== undefined ? { cursor } : {}) } };
}

/**
 * DELETE /items/{id} query: the required `version` the client last read. An unconditional delete would
 * silently drop a concurrent update, so, like PUT, a delete names the version it replaces.
 */
export function validateDeleteQuery(query: Query, multi: MultiQuery): Validated<{ version: number }> {
  const fields = fieldErrors();
  checkQueryKeys(query, multi, ['version'], fields);
  const raw = query?.version;
  let version = 0;
  if (raw === undefined) fields.version = 'is required: the version you last read (?version=N)';
  else if (!/^[1-9]\d{0,14}$/.test(raw)) fields.version = 'must be a positive integer';
  else version = Number(raw);
  if (Object.keys(fields).length) return { ok: false, fields };
  return { ok: true, value: { version } };
}

/** Requests to GET/PUT/DELETE an item by id take no query parameters except where listed. */
export function validateNoQuery(query: Query): Validated<null> {
  const fields = fieldErrors();
  checkQueryKeys(query, undefined, [], fields);
  return Object.keys(fields).length ? { ok: false, fields } : { ok: true, value: null };
}
