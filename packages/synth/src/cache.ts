import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvironmentConfig } from '@tap/config';
import { REPO_ROOT } from './repo-root';

/**
 * A reuse store for whole-app synths: one finished `cdktf.out` per (config, sources) key, copied into the
 * outdir of the next synth with the same key. A synth is a pure function of the resolved config and the
 * repository's sources (the app reads nothing else: no environment variable, no clock), and its output
 * holds only paths relative to its folder, so a copy is the synth (byte for byte). The unit tests' jest
 * run points TAP_SYNTH_CACHE at a folder it creates and removes per run: many test files synthesize the
 * same few configs, and a copy costs a few milliseconds where a build costs a second or more.
 */

// What a synth reads: the workspace's sources (stacks, constructs, handlers, bundled libraries' code),
// and the manifests and lockfile that pin every dependency. node_modules is covered by the lockfile.
const SOURCE_DIRS = ['packages', 'stacks', 'lambdas'];
const ROOT_FILES = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'tsconfig.json', 'cdktf.json'];
const SKIPPED = new Set(['node_modules', 'dist', 'coverage']);

/** The stacks file written beside a stored synth: the app's stack ids, and the sign that it is whole. */
const STACKS_FILE = 'stacks.json';
const OUT = 'out';
/** cdktf's index of the stacks: with the stack folders, all a synth writes. */
const MANIFEST = 'manifest.json';

/** SHA-256 over the content of every source file, so a file edited mid-run gives another key. */
function sourceDigest(): string {
  const hash = createHash('sha256');
  const add = (path: string): void => {
    hash.update(`${path.slice(REPO_ROOT.length)}\0`).update(readFileSync(path)).update('\0');
  };
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.') || SKIPPED.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) add(path);
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(join(REPO_ROOT, dir))) walk(join(REPO_ROOT, dir));
  for (const file of ROOT_FILES) if (existsSync(join(REPO_ROOT, file))) add(join(REPO_ROOT, file));
  return hash.digest('hex');
}

/** JSON with sorted keys; undefined when the value holds anything but plain data (then it is not a safe key). */
function plainJson(value: unknown): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : undefined;
  if (Array.isArray(value)) {
    const items = value.map(plainJson);
    return items.every((i) => i !== undefined) ? `[${items.join(',')}]` : undefined;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const parts: string[] = [];
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item === undefined) continue;
      const json = plainJson(item);
      if (json === undefined) return undefined;
      parts.push(`${JSON.stringify(key)}:${json}`);
    }
    return `{${parts.join(',')}}`;
  }
  return undefined;
}

/** The store key of a synth of `config` over the sources as they are now (undefined: do not reuse). */
export function synthCacheKey(config: EnvironmentConfig): string | undefined {
  const json = plainJson(config);
  if (json === undefined) return undefined;
  return createHash('sha256').update(json).update('\0').update(sourceDigest()).digest('hex');
}

/** Copies a stored synth into `outdir`; the app's stack ids, or undefined when none is stored. */
export function restoreSynth(cacheDir: string, key: string, outdir: string): string[] | undefined {
  const entry = join(cacheDir, key);
  let stacks: string[];
  try {
    stacks = JSON.parse(readFileSync(join(entry, STACKS_FILE), 'utf8')) as string[];
  } catch {
    return undefined;
  }
  mkdirSync(outdir, { recursive: true });
  cpSync(join(entry, OUT), outdir, { recursive: true });
  return stacks;
}

/**
 * Stores a finished synth: the manifest and the app's stack folders, copied to a private folder first and
 * then renamed into place, so a reader (another jest worker) sees a whole entry or none.
 */
export function storeSynth(cacheDir: string, key: string, outdir: string, stacks: readonly string[]): void {
  const entry = join(cacheDir, key);
  if (existsSync(entry)) return;
  mkdirSync(cacheDir, { recursive: true });
  const staging = mkdtempSync(join(cacheDir, `.${key.slice(0, 12)}-`));
  try {
    cpSync(join(outdir, MANIFEST), join(staging, OUT, MANIFEST));
    for (const stack of stacks) cpSync(join(outdir, 'stacks', stack), join(staging, OUT, 'stacks', stack), { recursive: true });
    writeFileSync(join(staging, STACKS_FILE), JSON.stringify(stacks));
    renameSync(staging, entry);
  } catch {
    // Another process stored the same key first (the rename finds a full folder), or the store is gone:
    // the synth itself is done, and the next one with this key synthesizes again.
    rmSync(staging, { recursive: true, force: true });
  }
}
