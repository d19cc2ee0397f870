import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { zipFolder } from './zip';

/** Repo root, found from this file's place in the workspace (packages/constructs/src). */
export const REPO_ROOT = resolve(__dirname, '../../..');
/** Where bundles are written before cdktf copies them into cdktf.out as assets (gitignored). */
export const BUILD_ROOT = join(REPO_ROOT, '.build');

/** Node.js runtime of every function: current and valid for provider 5.100 (nodejs20.x ends 2026-04-30). */
export const LAMBDA_RUNTIME = 'nodejs22.x';
const ESBUILD_TARGET = 'node22';

export interface BundleOptions {
  /** Absolute path of the TypeScript entry (exports `handler`). */
  readonly entry: string;
  /** Unique folder name under .build (e.g. `<stack>/<function>`). */
  readonly outKey: string;
  /** Modules left to the runtime (e.g. `@aws-sdk/*`). Default none: the SDK is bundled so its version is pinned. */
  readonly external?: readonly string[];
  /** Path of the output file inside the bundle folder. Default `index.js`. */
  readonly outFile?: string;
}

export interface Bundle {
  /** Folder holding the bundle (and its zip). */
  readonly dir: string;
  /** The deterministic zip of the bundle: the function's FILE asset. */
  readonly zip: string;
  /** Whether the bundle came from the cache (no esbuild run). */
  readonly cached: boolean;
  /** base64 SHA-256 of the bundle's content: deterministic, so it is the function's `source_code_hash`. */
  readonly hash: string;
  /** Size of the unzipped bundle in bytes. */
  readonly bytes: number;
}

/** The folder a bundle with this content hash lives in: `.build/<outKey>/<first 16 hex of the hash>`. */
export function bundleDir(outKey: string, hash: string): string {
  return join(BUILD_ROOT, outKey, Buffer.from(hash, 'base64').toString('hex').slice(0, 16));
}

/** File name of the deterministic zip inside a bundle folder (what the function's asset points at). */
export const BUNDLE_ZIP = 'archive.zip';

interface CacheRecord {
  /** The esbuild options the bundle was built with. */
  readonly key: string;
  readonly hash: string;
  readonly bytes: number;
  /** Every input file esbuild read (from its metafile) → its SHA-1. */
  readonly inputs: Record<string, string>;
}

const sha1 = (path: string): string => createHash('sha1').update(readFileSync(path)).digest('hex');

/** The cached bundle when none of its input files changed since it was built. */
function cached(cacheFile: string, key: string, outKey: string): Bundle | undefined {
  if (!existsSync(cacheFile)) return undefined;
  let record: CacheRecord;
  try {
    record = JSON.parse(readFileSync(cacheFile, 'utf8')) as CacheRecord;
  } catch {
    return undefined;
  }
  if (record.key !== key) return undefined;
  for (const [input, digest] of Object.entries(record.inputs)) {
    const path = join(REPO_ROOT, input);
    if (!existsSync(path) || sha1(path) !== digest) return undefined;
  }
  const dir = bundleDir(outKey, record.hash);
  if (!existsSync(join(dir, BUNDLE_ZIP))) return undefined;
  return { dir, zip: join(dir, BUNDLE_ZIP), hash: record.hash, bytes: record.bytes, cached: true };
}

/**
 * Bundles one handler with esbuild, deterministically: same sources, same bytes, same hash. Minified,
 * no source map, legal comments dropped; CommonJS so `index.handler` works on every Node.js runtime.
 * The result is cached by the SHA-1 of every input file esbuild read, and zipped once per content hash,
 * so a synth with unchanged sources only copies zips.
 */
export function bundleHandler(options: BundleOptions): Bundle {
  const parent = join(BUILD_ROOT, options.outKey);
  mkdirSync(parent, { recursive: true });
  const fileName = options.outFile ?? 'index.js';
  const external = [...(options.external ?? [])];
  const key = [options.outKey, relative(REPO_ROOT, options.entry), fileName, ESBUILD_TARGET, external.join(',')].join('\n');
  const cacheFile = join(parent, 'cache.json');
  const hit = cached(cacheFile, key, options.outKey);
  if (hit) return hit;

  // Bundle into a private temp folder, then move it to a folder named after its content hash. Concurrent
  // synths (tests, bench, the local environment) never see each other's half-written files, and the
  // same sources always land in the same folder.
  const temp = mkdtempSync(join(parent, '.tmp-'));
  const outfile = join(temp, fileName);
  try {
    const result = buildSync({
      entryPoints: [options.entry],
      outfile,
      absWorkingDir: REPO_ROOT,
      bundle: true,
      platform: 'node',
      target: ESBUILD_TARGET,
      format: 'cjs',
      minify: true,
      sourcemap: false,
      legalComments: 'none',
      external,
      metafile: true,
      // Powertools and the SDK read these at run time; tree-shaking works better with a fixed env.
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    });
    if (result.errors.length > 0) {
      throw new Error(`esbuild failed for ${options.entry}: ${result.errors.map((e) => e.text).join('; ')}`);
    }
    const content = readFileSync(outfile);
    const hash = createHash('sha256').update(content).digest('base64');
    const dir = bundleDir(options.outKey, hash);
    if (!existsSync(join(dir, BUNDLE_ZIP))) {
      writeFileSync(join(temp, BUNDLE_ZIP), zipFolder(temp));
      rmSync(dir, { recursive: true, force: true });
      try {
        renameSync(temp, dir);
      } catch (error) {
        // Another synth moved identical content there first: theirs is as good as ours.
        if (!existsSync(join(dir, BUNDLE_ZIP))) throw error;
      }
    }
    const inputs = Object.fromEntries(Object.keys(result.metafile?.inputs ?? {}).map((input) => [input, sha1(join(REPO_ROOT, input))]));
    const record: CacheRecord = { key, hash, bytes: content.length, inputs };
    const tempCache = `${cacheFile}.${process.pid}`;
    writeFileSync(tempCache, JSON.stringify(record));
    renameSync(tempCache, cacheFile);
    return { dir, zip: join(dir, BUNDLE_ZIP), hash, bytes: content.length, cached: false };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
