import { existsSync, readFileSync } from 'node:fs';
import { QUOTAS, type QuotaId } from './quotas';

/** Raised limits (and known existing use) of one account, from a JSON file. */
export interface QuotaOverrides {
  /** Quota id → the account's limit (`null`: no limit). */
  readonly quotas?: Readonly<Partial<Record<QuotaId, number | null>>>;
  /** Quota id → what the account already uses before any environment (replaces the table's baseline). */
  readonly accountBaselines?: Readonly<Partial<Record<QuotaId, number>>>;
  /** Raised throughput limits for `pnpm capacity` (limit id → value; the ids are checked by @tap/capacity). */
  readonly capacity?: Readonly<Record<string, number>>;
}

/** Name of the overrides file looked for at the repo root. */
export const OVERRIDES_FILE = 'quota-overrides.json';

const IDS = new Set<string>(QUOTAS.map((q) => q.id));

function checkMap(value: unknown, field: string, allowNull: boolean): Record<string, number | null> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${field} must be an object of quota id → number`);
  for (const [id, n] of Object.entries(value)) {
    if (!IDS.has(id)) throw new Error(`${field}.${id}: unknown quota id; known: ${[...IDS].join(', ')}`);
    const ok = (allowNull && n === null) || (typeof n === 'number' && Number.isFinite(n) && n >= 0);
    if (!ok) throw new Error(`${field}.${id}: ${JSON.stringify(n)} is not a non-negative number${allowNull ? ' or null' : ''}`);
  }
  return value as Record<string, number | null>;
}

/** A map of limit id → non-negative number (the capacity model checks the ids against its own table). */
function checkNumbers(value: unknown, field: string): Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${field} must be an object of limit id → number`);
  for (const [id, n] of Object.entries(value)) {
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new Error(`${field}.${id}: ${JSON.stringify(n)} is not a non-negative number`);
  }
  return value as Record<string, number>;
}

/**
 * Parses overrides. Accepted shapes: `{ "quotas": { "vpcs": 20 }, "accountBaselines": { "iam-roles": 40 } }`
 * or the short form `{ "vpcs": 20 }` (limits only). Unknown quota ids fail, naming the known ones.
 */
export function parseOverrides(raw: unknown, source = 'overrides'): QuotaOverrides {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${source}: must be a JSON object`);
  const record = raw as Record<string, unknown>;
  if ('quotas' in record || 'accountBaselines' in record || 'capacity' in record) {
    const extra = Object.keys(record).filter((k) => k !== 'quotas' && k !== 'accountBaselines' && k !== 'capacity' && k !== '$comment');
    if (extra.length > 0) throw new Error(`${source}: unexpected keys ${extra.join(', ')} (use "quotas", "accountBaselines" and "capacity")`);
    return {
      quotas: checkMap(record.quotas, `${source}: quotas`, true),
      accountBaselines: checkMap(record.accountBaselines, `${source}: accountBaselines`, false) as Record<string, number>,
      ...(record.capacity !== undefined ? { capacity: checkNumbers(record.capacity, `${source}: capacity`) } : {}),
    };
  }
  const { $comment: _comment, ...rest } = record;
  return { quotas: checkMap(rest, source, true) };
}

/** Reads an overrides file; with no explicit file, `quota-overrides.json` at the repo root when present. */
export function loadOverrides(file: string | undefined, repoRoot: string): { overrides: QuotaOverrides; source?: string } {
  const path = file ?? `${repoRoot}/${OVERRIDES_FILE}`;
  if (!existsSync(path)) {
    if (file) throw new Error(`--quotas ${file}: file not found`);
    return { overrides: {} };
  }
  return { overrides: parseOverrides(JSON.parse(readFileSync(path, 'utf8')), path), source: path };
}
