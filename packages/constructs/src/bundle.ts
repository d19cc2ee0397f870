import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

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
  /** Folder holding the bundle; becomes a cdktf ARCHIVE asset. */
  readonly dir: string;
  /** base64 SHA-256 of the bundle's content: deterministic, so it is the function's `source_code_hash`. */
  readonly hash: string;
  /** Size of the unzipped bundle in bytes. */
  readonly bytes: number;
}

/** The folder a bundle with this content hash lives in: `.build/<outKey>/<first 16 hex of the hash>`. */
export function bundleDir(outKey: string, hash: string): string {
  return join(BUILD_ROOT, outKey, Buffer.from(hash, 'base64').toString('hex').slice(0, 16));
}

/**
 * Bundles one handler with esbuild, deterministically: same sources, same bytes, same hash. Minified,
 * no source map, legal comments dropped; CommonJS so `index.handler` works on every Node.js runtime.
 */
export function bundleHandler(options: BundleOptions): Bundle {
  // Bundle into a private temp folder, then move it to a folder named after its content hash. Concurrent
  // synths (tests, bench, the local environment) never see each other's half-written files, and the
  // same sources always land in the same folder.
  const parent = join(BUILD_ROOT, options.outKey);
  mkdirSync(parent, { recursive: true });
  const temp = mkdtempSync(join(parent, '.tmp-'));
  const fileName = options.outFile ?? 'index.js';
  const outfile = join(temp, fileName);
  try {
    const result = buildSync({
      entryPoints: [options.entry],
      outfile,
      bundle: true,
      platform: 'node',
      target: ESBUILD_TARGET,
      format: 'cjs',
      minify: true,
      sourcemap: false,
      legalComments: 'none',
      external: [...(options.external ?? [])],
      // Powertools and the SDK read these at run time; tree-shaking works better with a fixed env.
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    });
    if (result.errors.length > 0) {
      throw new Error(`esbuild failed for ${options.entry}: ${result.errors.map((e) => e.text).join('; ')}`);
    }
    const content = readFileSync(outfile);
    const digest = createHash('sha256').update(content);
    const hash = digest.digest('base64');
    const dir = bundleDir(options.outKey, hash);
    if (!existsSync(dir)) {
      try {
        renameSync(temp, dir);
      } catch (error) {
        // Another synth moved identical content there first: theirs is as good as ours.
        if (!existsSync(join(dir, fileName))) throw error;
      }
    }
    return { dir, hash, bytes: content.length };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
