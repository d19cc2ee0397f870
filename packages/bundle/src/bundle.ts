import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { BUILD_FLAGS, runEsbuild, startEsbuild, type EsbuildResult, type EsbuildRun } from './esbuild';
import { zipFolder } from './zip';

export { LAMBDA_RUNTIME } from './esbuild';

// The repo root, from this file's place (packages/bundle/src); private: everything else imports
// @tap/synth's REPO_ROOT, which this package cannot (synth builds the app, and the app is built from this).
const REPO_ROOT = resolve(__dirname, '../../..');
/** Where bundles are written before cdktf copies them into cdktf.out as assets (gitignored). */
export const BUILD_ROOT = join(REPO_ROOT, '.build');

/** How one handler is bundled. A handler package states its handlers' bundles as these (HANDLER_BUNDLES). */
export interface BundleOptions {
  /** Absolute path of the TypeScript entry (exports `handler`). */
  readonly entry: string;
  /** Unique folder name under .build (e.g. `<package>/<handler>`). */
  readonly outKey: string;
  /** Modules left to the runtime (e.g. a layer's module). @default none: the SDK is bundled so its version is pinned */
  readonly external?: readonly string[];
  /** Path of the output file inside the bundle folder. @default `index.js` */
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
// While one app is built (from startBundles or withBatchedBundles to the end of its construction), a
// path is even looked up once: the 7 bundles list about 3,900 inputs, 740 of them distinct, and a stat
// of each listing was most of a warm synth's cache check. A file edited in the middle of one build is
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
function cached(r: Request): Bundle | undefined {
  if (!existsSync(r.cacheFile)) return undefined;
  let record: CacheRecord;
  try {
    record = JSON.parse(readFileSync(r.cacheFile, 'utf8')) as CacheRecord;
  } catch {
    return undefined;
  }
  if (record.key !== r.key) return undefined;
  for (const [input, digest] of Object.entries(record.inputs)) {
    const path = join(REPO_ROOT, input);
    if (sha1(path) !== digest) return undefined;
  }
  const dir = bundleDir(r.options.outKey, record.hash);
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
/** While an app declared its bundles (startBundles) is built: the keys it declared, the only ones it may ask for. */
let declaredKeys: ReadonlySet<string> | undefined;
/**
 * The batch's run, until the app asks for its first bundle: what comes before (the VPC stack, keys,
 * tables) is constructed while esbuild still works.
 */
let awaiting: BundleRun | undefined;

/** Waits for the batch's run if it has not been collected yet (see awaiting). */
function collectAwaiting(): void {
  const run = awaiting;
  awaiting = undefined;
  if (run) finish(run);
}

/**
 * Bundles one handler with esbuild, deterministically: same sources, same bytes, same hash. Minified,
 * no source map, legal comments dropped; CommonJS so `index.handler` works on every Node.js runtime.
 * The result is cached by the SHA-1 of every input file esbuild read, and zipped once per content hash,
 * so a synth with unchanged sources only copies zips. Under `withBatchedBundles`, a bundle missing from
 * the cache is built together with every other missing one, in one esbuild run.
 */
export function bundleHandler(options: BundleOptions): Bundle {
  const req = request(options);
  if (declaredKeys && !declaredKeys.has(req.key)) {
    throw new Error(
      `bundle ${options.outKey} (${relative(REPO_ROOT, options.entry)}) is not among the bundles the app declared before it was built, or is declared with other externals or output file. ` +
        'Fix: build it from the handler package\'s HANDLER_BUNDLES entry, and list that in the bundles the app passes to startBundles',
    );
  }
  collectAwaiting();
  mkdirSync(req.parent, { recursive: true });
  const hit = cached(req);
  if (hit) return hit;
  if (deferred) {
    deferred.push(req);
    // A stand-in for the first pass only (the app is built again once the bundles exist): an existing
    // file, so assets can be declared, and a hash no real bundle has.
    return { dir: req.parent, zip: options.entry, hash: createHash('sha256').update(`pending\n${req.key}`).digest('base64'), bytes: 0, cached: false };
  }
  const [bundle] = finish(build([req], false));
  return bundle;
}

/** The bundles an app declared, with the esbuild run of those the cache lacked going on (startBundles). */
export interface BundleBatch {
  /** Keys of the declared bundles. */
  readonly declared: ReadonlySet<string>;
  /** The run building the declared bundles the cache lacked (undefined: every one was cached). */
  readonly build?: BundleRun;
  /** The input digests looked up so far in this build (see buildDigests). */
  readonly digests: Map<string, string | undefined>;
}

/**
 * Starts building, in the background, every bundle in `declared` that the cache lacks, in one esbuild
 * run, and returns at once: a synth loads cdktf and the stacks meanwhile, then builds the app with
 * `withBatchedBundles(build, batch)`, which constructs the app once and waits for the run when the app
 * asks for its first bundle. The app may then ask only for declared bundles (anything else is an error
 * naming it), so the list is complete.
 */
export function startBundles(declared: readonly BundleOptions[]): BundleBatch {
  const digestsOfThisBuild = new Map<string, string | undefined>();
  buildDigests = digestsOfThisBuild;
  try {
    const requests = declared.map(request);
    const missing = requests.filter((r) => !cached(r));
    return { declared: new Set(requests.map((r) => r.key)), build: missing.length > 0 ? build(missing, true) : undefined, digests: digestsOfThisBuild };
  } finally {
    buildDigests = undefined;
  }
}

/**
 * Waits for a batch's run and stores its bundles, without building an app: for a caller that started a
 * batch and then failed before it could build (nothing is left half-written in .build).
 */
export function settleBundles(batch: BundleBatch): void {
  if (batch.build) finish(batch.build);
}

/**
 * Builds an app with every bundle its functions need made in one esbuild run.
 * - With a batch (startBundles): runs `build` once, which waits for the batch's run when it asks for its
 *   first bundle; it may ask only for the batch's declared bundles.
 * - Without: `build` runs once with the bundles the cache lacks deferred, then (only if any were) the
 *   missing ones are bundled together and `build` runs again, now all cache hits.
 * esbuild then parses the modules the functions share once and uses every core, instead of starting once
 * per function and waiting on each.
 */
export function withBatchedBundles<T>(buildApp: () => T, batch?: BundleBatch): T {
  if (deferred) return buildApp();
  buildDigests = batch?.digests ?? new Map();
  declaredKeys = batch?.declared;
  awaiting = batch?.build;
  try {
    deferred = [];
    let requests: Request[];
    let first: T;
    try {
      first = buildApp();
      // An app that asked for no bundle still stores the batch's.
      collectAwaiting();
    } finally {
      requests = deferred;
      deferred = undefined;
    }
    if (requests.length === 0) return first;
    finish(build(requests, false));
    return buildApp();
  } finally {
    // After a failed build, the run is still collected (its temp folder removed); the build's own error
    // is the one reported.
    try {
      collectAwaiting();
    } catch {
      // reported by the build's error
    }
    buildDigests = undefined;
    declaredKeys = undefined;
  }
}

/** Names an import leaves to the runtime under a list of externals (`@aws-sdk/*`-style wildcards too). */
const externalMatches = (name: string, external: readonly string[]): boolean =>
  external.some((e) => (e.endsWith('/*') ? name.startsWith(e.slice(0, -1)) : name === e || name.startsWith(`${e}/`)));

/** One esbuild run for several bundles, started (see build) and not yet stored. */
export interface BundleRun {
  readonly requests: readonly Request[];
  /** The requests without repeats, in the order of their outputs. */
  readonly unique: readonly Request[];
  /** The private folder esbuild writes to, under .build; removed once the run is collected. */
  readonly temp: string;
  readonly outputs: readonly { readonly r: Request; readonly file: string }[];
  readonly metafile: string;
  readonly run: EsbuildRun | EsbuildResult;
  /** Set once finish has stored the run's bundles. */
  done?: Bundle[];
}

/**
 * Starts one esbuild run for several bundles (the union of their externals), into a private temp
 * folder; in the background (`background`) or to its end. `finish` stores the outputs.
 */
function build(requests: readonly Request[], background: boolean): BundleRun {
  const unique = [...new Map(requests.map((r) => [r.key, r])).values()];
  for (const r of unique) mkdirSync(r.parent, { recursive: true });
  const external = [...new Set(unique.flatMap((r) => r.external))].sort();
  // Bundle into a private temp folder, then move each bundle to a folder named after its content hash.
  // Concurrent synths (tests, bench, the local environment) never see each other's half-written files,
  // and the same sources always land in the same folder.
  mkdirSync(BUILD_ROOT, { recursive: true });
  const temp = mkdtempSync(join(BUILD_ROOT, '.tmp-'));
  const outputs = unique.map((r, i) => ({ r, out: join(String(i), r.fileName.replace(/\.js$/, '')), file: join(temp, String(i), r.fileName) }));
  const metafile = join(temp, 'meta.json');
  const args = [...outputs.map((o) => `${o.out}=${o.r.options.entry}`), `--outdir=${temp}`, ...external.map((e) => `--external:${e}`), `--metafile=${metafile}`, '--log-level=error'];
  const run = background ? startEsbuild(args, REPO_ROOT) : runEsbuild(args, REPO_ROOT);
  return { requests, unique, temp, outputs, metafile, run };
}

/**
 * Waits for a run, then hashes, zips and moves each output to the folder of its content hash, and writes
 * its cache record. Any bundle the run left a module out of that it did not ask to leave out (the run
 * used the union of the batch's externals) is built again on its own.
 */
function finish(b: BundleRun): Bundle[] {
  if (b.done) return b.done;
  try {
    const run = 'wait' in b.run ? b.run.wait() : b.run;
    if (run.error || run.status !== 0) {
      const why = run.error ?? run.stderr.trim();
      throw new Error(`esbuild failed for ${b.unique.map((r) => r.options.entry).join(', ')}: ${why}`);
    }
    const result = JSON.parse(readFileSync(b.metafile, 'utf8')) as Metafile;
    const bundles = new Map<string, Bundle>();
    for (const { r, file } of b.outputs) {
      const meta = result.outputs[relative(REPO_ROOT, file)];
      const leftOut = meta.imports.filter((i) => i.external && !i.path.startsWith('node:') && !externalMatches(i.path, r.external));
      // Built-ins (fs, crypto...) are external on platform node whatever the list says.
      const wrong = leftOut.filter((i) => !isBuiltin(i.path));
      if (wrong.length > 0 && b.unique.length > 1) {
        bundles.set(r.key, finish(build([r], false))[0]);
        continue;
      }
      const inputs = Object.keys(meta.inputs).sort();
      bundles.set(r.key, place(r, file, inputs));
    }
    b.done = b.requests.map((r) => bundles.get(r.key) as Bundle);
    return b.done;
  } finally {
    rmSync(b.temp, { recursive: true, force: true });
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
