import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { bundleHandler, settleBundles, startBundles, withBatchedBundles, zipFolder, type BundleBatch } from '@tap/bundle';

function sources(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-src-'));
  writeFileSync(join(dir, 'greeting.ts'), "export const greeting = 'hello';\n");
  writeFileSync(join(dir, 'handler.ts'), "import { greeting } from './greeting';\nexport const handler = async () => greeting;\n");
  return dir;
}

describe('bundleHandler', () => {
  const src = sources();
  const outKey = `test-bundle/${src.split('-').pop()}`;

  it('builds once, then reuses the bundle while no input file changes', () => {
    const first = bundleHandler({ entry: join(src, 'handler.ts'), outKey });
    const second = bundleHandler({ entry: join(src, 'handler.ts'), outKey });
    expect(first.cached).toBe(false);
    expect(second).toEqual({ ...first, cached: true });
  });

  it('rebuilds when any imported file changes, and the hash follows the content', () => {
    const before = bundleHandler({ entry: join(src, 'handler.ts'), outKey });
    writeFileSync(join(src, 'greeting.ts'), "export const greeting = 'bonjour';\n");
    const after = bundleHandler({ entry: join(src, 'handler.ts'), outKey });
    expect(after.cached).toBe(false);
    expect(after.hash).not.toBe(before.hash);
    expect(readFileSync(join(after.dir, 'index.js'), 'utf8')).toContain('bonjour');
  });
});

describe('withBatchedBundles', () => {
  it('builds the missing bundles together, then the app once more from the cache; hashes equal bundling one at a time', () => {
    const src = sources();
    writeFileSync(join(src, 'other.ts'), "import { greeting } from './greeting';\nexport const handler = async () => `${greeting} again`;\n");
    const key = src.split('-').pop();
    const requests = [
      { entry: join(src, 'handler.ts'), outKey: `test-batch/${key}/a` },
      { entry: join(src, 'other.ts'), outKey: `test-batch/${key}/b`, outFile: 'nodejs/node_modules/other/index.js' },
    ];
    let passes = 0;
    const batched = withBatchedBundles(() => {
      passes += 1;
      return requests.map((r) => bundleHandler(r));
    });
    expect(passes).toBe(2);
    expect(batched.map((b) => b.cached)).toEqual([true, true]);
    expect(readFileSync(join(batched[1].dir, 'nodejs/node_modules/other/index.js'), 'utf8')).toContain('again');
    // Everything cached now: one pass.
    passes = 0;
    withBatchedBundles(() => {
      passes += 1;
      return requests.map((r) => bundleHandler(r));
    });
    expect(passes).toBe(1);
    // The same sources bundled one at a time (other out keys, so no cache) give the same bytes.
    const single = requests.map((r) => bundleHandler({ ...r, outKey: `${r.outKey}-single` }));
    expect(single.map((b) => b.cached)).toEqual([false, false]);
    expect(single.map((b) => b.hash)).toEqual(batched.map((b) => b.hash));
  });
});

describe('startBundles', () => {
  /** Two handlers and the requests for them, under out keys of their own. */
  function declared(prefix: string) {
    const src = sources();
    writeFileSync(join(src, 'other.ts'), "import { greeting } from './greeting';\nexport const handler = async () => `${greeting} again`;\n");
    const key = src.split('-').pop();
    return [
      { entry: join(src, 'handler.ts'), outKey: `${prefix}/${key}/a` },
      { entry: join(src, 'other.ts'), outKey: `${prefix}/${key}/b`, outFile: 'nodejs/node_modules/other/index.js' },
    ];
  }
  /** The private folder of a batch's run (other test files' synths make their own beside it). */
  const runFolder = (batch: BundleBatch): string => {
    if (!batch.build) throw new Error('the batch has no run: every bundle was cached');
    return batch.build.temp;
  };

  it('builds the declared bundles in the background, then the app once; the bytes equal building them in the app', () => {
    const requests = declared('test-start');
    const batch = startBundles(requests);
    // esbuild runs in the background: startBundles returned before it ended.
    expect(batch.build).toBeDefined();
    let passes = 0;
    const built = withBatchedBundles(() => {
      passes += 1;
      return requests.map((r) => bundleHandler(r));
    }, batch);
    expect(passes).toBe(1);
    expect(built.map((b) => b.cached)).toEqual([true, true]);
    expect(readFileSync(join(built[1].dir, 'nodejs/node_modules/other/index.js'), 'utf8')).toContain('again');
    const inApp = withBatchedBundles(() => requests.map((r) => bundleHandler({ ...r, outKey: `${r.outKey}-in-app` })));
    expect(inApp.map((b) => b.hash)).toEqual(built.map((b) => b.hash));
    // Everything cached: nothing to run.
    expect(startBundles(requests).build).toBeUndefined();
  });

  it('waits for the run only when the app asks for its first bundle: what comes before is constructed meanwhile', () => {
    const requests = declared('test-lazy');
    const batch = startBundles(requests);
    const folder = runFolder(batch);
    const seen = withBatchedBundles(() => {
      // The run's private folder is there until the run is collected.
      const first = existsSync(folder);
      const bundles = requests.map((r) => bundleHandler(r));
      return { first, after: existsSync(folder), cached: bundles.map((b) => b.cached) };
    }, batch);
    expect(seen).toEqual({ first: true, after: false, cached: [true, true] });
  });

  it('fails the build naming a bundle the app asks for but did not declare, or declared otherwise', () => {
    const [a, b] = declared('test-undeclared');
    const batch = startBundles([a]);
    expect(() => withBatchedBundles(() => [a, b].map((r) => bundleHandler(r)), batch)).toThrow(new RegExp(`bundle ${b.outKey} \\(.*other\\.ts\\) is not among the bundles the app declared.*Fix:`));
    expect(() => withBatchedBundles(() => bundleHandler({ ...a, external: ['left-out'] }), startBundles([a]))).toThrow(/declared with other externals or output file/);
    // Outside a declared build, the same request is just built.
    expect(bundleHandler(b).cached).toBe(false);
  });

  it('reports an esbuild failure in the background run naming the entry, and leaves no temp folder behind', () => {
    const src = sources();
    writeFileSync(join(src, 'broken.ts'), 'export const handler = (;\n');
    const entry = join(src, 'broken.ts');
    const batch = startBundles([{ entry, outKey: `test-broken/${src.split('-').pop()}` }]);
    expect(() => withBatchedBundles(() => undefined, batch)).toThrow(new RegExp(`esbuild failed for ${entry.replace(/[.]/g, '\\.')}: .*Unexpected`));
    expect(existsSync(runFolder(batch))).toBe(false);
  });

  it('settles a batch whose app was never built: the bundles are stored, no temp folder is left', () => {
    const requests = declared('test-settle');
    const batch = startBundles(requests);
    settleBundles(batch);
    expect(existsSync(runFolder(batch))).toBe(false);
    expect(requests.map((r) => bundleHandler(r).cached)).toEqual([true, true]);
    expect(existsSync(bundleHandler(requests[0]).zip)).toBe(true);
  });
});

describe('zipFolder', () => {
  it('is deterministic and readable: same files, same bytes; entries inflate back to the files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-'));
    writeFileSync(join(dir, 'b.js'), 'b'.repeat(1000));
    writeFileSync(join(dir, 'a.js'), 'module.exports = 1;');
    const zip = zipFolder(dir);
    expect(zipFolder(dir).equals(zip)).toBe(true);
    // First local entry: sorted, so a.js; its compressed data follows the 30-byte header and the name.
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    const nameLength = zip.readUInt16LE(26);
    expect(zip.subarray(30, 30 + nameLength).toString()).toBe('a.js');
    const size = zip.readUInt32LE(18);
    expect(inflateRawSync(zip.subarray(30 + nameLength, 30 + nameLength + size)).toString()).toBe('module.exports = 1;');
    expect(zip.readUInt16LE(zip.length - 22 + 10)).toBe(2);
  });
});
