import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { zipFolder } from './zip';

// The repo root, from this file's place (packages/constructs/src); private: everything else imports
// @tap/synth's REPO_ROOT, which this package cannot (synth builds the app, and the app is built from this).
const REPO_ROOT = resolve(__dirname, '../../..');
/** Where bundles are written before cdktf copies them into cdktf.out as assets (gitignored). */
export const BUILD_ROOT = join(REPO_ROOT, '.build');

/** Node.js runtime of every function: current and valid for provider 5.100 (nodejs20.x ends 2026-04-30). */
export const LAMBDA_RUNTIME = 'nodejs22.x';
const ESBUILD_TARGET = 'node22';

/**
 * The esbuild flags every bundle is built with (besides its entries, output folder and externals). They
 * are part of the bundle cache's key: a bundle built with other flags is never taken from the cache.
 */
const BUILD_FLAGS = [
  '--bundle',
  '--platform=node',
  `--target=${ESBUILD_TARGET}`,
  '--format=cjs',
  // The ES module build of a package first (the AWS SDK, Powertools and Smithy ship one): its
  // per-module files tree-shake, where the CommonJS build is one file per package kept whole. Bundles
  // are about a third smaller, and each function's cold init 35-50 ms of CPU shorter.
  '--main-fields=module,main',
  '--minify',
  '--legal-comments=none',
  // Powertools and the SDK read these at run time; tree-shaking works better with a fixed env.
  '--define:process.env.NODE_ENV="production"',
] as const;

/**
 * The esbuild executable, run as a child process. Not the `buildSync` API: that starts a worker thread
 * (a second Node.js isolate loading esbuild's JavaScript) to drive the same executable, 50-60 ms of CPU
 * per cold synth, and loading the API module costs every synth, cache hit or not.
 */
const ESBUILD_BIN = require.resolve('esbuild/bin/esbuild');
/** On Windows the package's `bin/esbuild` is a Node.js script that starts the executable. */
const ESBUILD_COMMAND: readonly [string, ...string[]] = process.platform === 'win32' ? [process.execPath, ESBUILD_BIN] : [ESBUILD_BIN];

/**
 * Go garbage collection of the esbuild run: none until its heap reaches GOMEMLIMIT (set here, whatever
 * the caller's GOGC). With Go's default (GOGC=100) a batch of the app's bundles spends a third of its CPU
 * collecting a heap that is freed at exit anyway: collection off takes 35-40% less CPU and about 20%
 * less wall time, for a peak of about 240 MB instead of 195 (a cold synth's process tree peaks at about
 * 350 MB, under the bench's 400 MB budget). Past the limit (a larger app), Go collects as usual.
 */
const ESBUILD_GC = { GOGC: 'off', GOMEMLIMIT: '256MiB' } as const;

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

// Input digests memoized per process: the functions of an app share most of their inputs (the SDK,
// Powertools, lambda-kit), so a warm synth reads and hashes each shared file once, not once per bundle.
// Keyed by size and modification time too, so a file edited while the process runs is hashed again.
const digests = new Map<string, string>();
// While one app is built (`withBatchedBundles`: both passes and the bundling between), a path is even
// looked up once: the 7 bundles list about 3,900 inputs, 740 of them distinct, and a stat of
// each listing was most of a warm synth's cache check. A file edited in the middle of one build is
// seen by the next one.
let buildDigests: Map<string, string | undefined> | undefined;

/** The SHA-1 of a file's content (undefined: no such file). */
function sha1(path: string): string | undefined {
  if (buildDigests?.has(path)) return buildDigests.get(path);
  const stats = statSync(path, { throwIfNoEntry: false });
  let digest: string | undefined;
  if (stats) {
    const memo = `${path}\n${stats.size}\n${stats.mtimeMs}`;
    digest = digests.get(memo);
    if (digest === undefined) {
      digest = createHash('sha1').update(readFileSync(path)).digest('hex');
      digests.set(memo, digest);
    }
  }
  buildDigests?.set(path, digest);
  return digest;
}

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
    if (sha1(path) !== digest) return undefined;
  }
  const dir = bundleDir(outKey, record.hash);
  if (!existsSync(join(dir, BUNDLE_ZIP))) return undefined;
  return { dir, zip: join(dir, BUNDLE_ZIP), hash: record.hash, bytes: record.bytes, cached: true };
}

/** The part of esbuild's metafile read here (paths relative to the working directory, REPO_ROOT). */
interface Metafile {
  readonly outputs: Record<string, { readonly inputs: Record<string, unknown>; readonly imports: readonly { readonly path: string; readonly external?: boolean }[] }>;
}

interface Request {
  readonly options: BundleOptions;
  readonly parent: string;
  readonly fileName: string;
  readonly external: readonly string[];
  readonly key: string;
  readonly cacheFile: string;
}

function request(options: BundleOptions): Request {
  const parent = join(BUILD_ROOT, options.outKey);
  const fileName = options.outFile ?? 'index.js';
  const external = [...(options.external ?? [])];
  const key = [options.outKey, relative(REPO_ROOT, options.entry), fileName, external.join(','), BUILD_FLAGS.join(' ')].join('\n');
  return { options, parent, fileName, external, key, cacheFile: join(parent, 'cache.json') };
}

/** Requests deferred while an app is built under `withBatchedBundles` (undefined: bundle on the spot). */
let deferred: Request[] | undefined;

/**
 * Bundles one handler with esbuild, deterministically: same sources, same bytes, same hash. Minified,
 * no source map, legal comments dropped; CommonJS so `index.handler` works on every Node.js runtime.
 * The result is cached by the SHA-1 of every input file esbuild read, and zipped once per content hash,
 * so a synth with unchanged sources only copies zips. Under `withBatchedBundles`, a bundle missing from
 * the cache is built together with every other missing one, in one esbuild run.
 */
export function bundleHandler(options: BundleOptions): Bundle {
  const req = request(options);
  mkdirSync(req.parent, { recursive: true });
  const hit = cached(req.cacheFile, req.key, options.outKey);
  if (hit) return hit;
  if (deferred) {
    deferred.push(req);
    // A stand-in for the first pass only (the app is built again once the bundles exist): an existing
    // file, so assets can be declared, and a hash no real bundle has.
    return { dir: req.parent, zip: options.entry, hash: createHash('sha256').update(`pending\n${req.key}`).digest('base64'), bytes: 0, cached: false };
  }
  const [bundle] = buildBundles([req]);
  return bundle;
}

/**
 * Builds an app with every bundle its functions need made in one esbuild run: `build` runs once with the
 * bundles the cache lacks deferred, then (only if any were) the missing ones are bundled together and
 * `build` runs again, now all cache hits. esbuild then parses the modules the functions share once and
 * uses every core, instead of starting once per function and waiting on each.
 */
export function withBatchedBundles<T>(build: () => T): T {
  if (deferred) return build();
  buildDigests = new Map();
  try {
    deferred = [];
    let requests: Request[];
    let first: T;
    try {
      first = build();
    } finally {
      requests = deferred;
      deferred = undefined;
    }
    if (requests.length === 0) return first;
    buildBundles(requests);
    return build();
  } finally {
    buildDigests = undefined;
  }
}

/** Names an import leaves to the runtime under a list of externals (`@aws-sdk/*`-style wildcards too). */
const externalMatches = (name: string, external: readonly string[]): boolean =>
  external.some((e) => (e.endsWith('/*') ? name.startsWith(e.slice(0, -1)) : name === e || name.startsWith(`${e}/`)));

/**
 * One esbuild run for several bundles (the union of their externals; any bundle that would leave out a
 * module it did not ask to leave out is built again on its own), then each output is hashed, zipped
 * and moved to the folder of its content hash, and its cache record written.
 */
function buildBundles(requests: readonly Request[]): Bundle[] {
  const unique = [...new Map(requests.map((r) => [r.key, r])).values()];
  for (const r of unique) mkdirSync(r.parent, { recursive: true });
  const external = [...new Set(unique.flatMap((r) => r.external))].sort();
  // Bundle into a private temp folder, then move each bundle to a folder named after its content hash.
  // Concurrent synths (tests, bench, the local environment) never see each other's half-written files,
  // and the same sources always land in the same folder.
  const temp = mkdtempSync(join(BUILD_ROOT, '.tmp-'));
  try {
    const outputs = unique.map((r, i) => ({ r, out: join(String(i), r.fileName.replace(/\.js$/, '')), file: join(temp, String(i), r.fileName) }));
    const metafile = join(temp, 'meta.json');
    const run = spawnSync(
      ESBUILD_COMMAND[0],
      [...ESBUILD_COMMAND.slice(1), ...outputs.map((o) => `${o.out}=${o.r.options.entry}`), `--outdir=${temp}`, ...external.map((e) => `--external:${e}`), `--metafile=${metafile}`, '--log-level=error', ...BUILD_FLAGS],
      { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...ESBUILD_GC } },
    );
    if (run.error || run.status !== 0) {
      const why = run.error ? String(run.error) : run.stderr.trim();
      throw new Error(`esbuild failed for ${unique.map((r) => r.options.entry).join(', ')}: ${why}`);
    }
    const result = JSON.parse(readFileSync(metafile, 'utf8')) as Metafile;
    const bundles = new Map<string, Bundle>();
    for (const { r, file } of outputs) {
      const meta = result.outputs[relative(REPO_ROOT, file)];
      const leftOut = meta.imports.filter((i) => i.external && !i.path.startsWith('node:') && !externalMatches(i.path, r.external));
      // Built-ins (fs, crypto...) are external on platform node whatever the list says.
      const wrong = leftOut.filter((i) => !isBuiltin(i.path));
      if (wrong.length > 0 && unique.length > 1) {
        bundles.set(r.key, buildBundles([r])[0]);
        continue;
      }
      const inputs = Object.keys(meta.inputs).sort();
      bundles.set(r.key, place(r, file, inputs));
    }
    return requests.map((r) => bundles.get(r.key) as Bundle);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** Hashes, zips and moves one built bundle to its content-hash folder, and records it in the cache. */
function place(r: Request, file: string, inputs: readonly string[]): Bundle {
  const content = readFileSync(file);
  const hash = createHash('sha256').update(content).digest('base64');
  const dir = bundleDir(r.options.outKey, hash);
  if (!existsSync(join(dir, BUNDLE_ZIP))) {
    const staging = mkdtempSync(join(r.parent, '.tmp-'));
    try {
      mkdirSync(dirname(join(staging, r.fileName)), { recursive: true });
      writeFileSync(join(staging, r.fileName), content);
      writeFileSync(join(staging, BUNDLE_ZIP), zipFolder(staging));
      rmSync(dir, { recursive: true, force: true });
      try {
        renameSync(staging, dir);
      } catch (error) {
        // Another synth moved identical content there first: theirs is as good as ours.
        if (!existsSync(join(dir, BUNDLE_ZIP))) throw error;
      }
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  const record: CacheRecord = { key: r.key, hash, bytes: content.length, inputs: Object.fromEntries(inputs.map((input) => [input, sha1(join(REPO_ROOT, input)) ?? ''])) };
  const tempCache = `${r.cacheFile}.${process.pid}`;
  writeFileSync(tempCache, JSON.stringify(record));
  renameSync(tempCache, r.cacheFile);
  return { dir, zip: join(dir, BUNDLE_ZIP), hash, bytes: content.length, cached: false };
}
