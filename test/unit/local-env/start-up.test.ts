import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { zipFolder } from '@tap/bundle';
import { buildWorker, LocalFunction } from '../../../packages/local-env/src/lambda/runtime';
import { checkZip, extractZip } from '../../../packages/local-env/src/zip';

// What start-up leaves for later, and must still do right: the worker bootstrap is rebuilt only when
// its sources change, archives are checked without being inflated, and a function's code is unpacked
// before its first container starts.
jest.setTimeout(60_000);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tap-start-up-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A zip archive of the given files, written by the synth's own zipper (zipFolder of @tap/bundle). */
function zipOf(files: Record<string, string>): Buffer {
  const source = mkdtempSync(join(dir, 'zip-source-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(source, name)), { recursive: true });
    writeFileSync(join(source, name), text);
  }
  return zipFolder(source);
}

describe('local environment start-up', () => {
  it('reuses the built worker while its sources are unchanged, and rebuilds it when they are not', () => {
    const stateDir = join(dir, 'state');
    const outfile = buildWorker(stateDir);
    const built = readFileSync(outfile, 'utf8');
    expect(built).toContain('LAMBDA_TASK_ROOT');
    // A marker survives a second start: the output is reused, esbuild does not run.
    writeFileSync(outfile, `${built}\n// reused`);
    expect(readFileSync(buildWorker(stateDir), 'utf8')).toContain('// reused');
    // A source whose hash no longer matches the stamp (an edited worker.ts): built again.
    const stampFile = `${outfile}.stamp.json`;
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as { inputs: Record<string, string> };
    expect(Object.keys(stamp.inputs).some((f) => f.endsWith('lambda/worker.ts'))).toBe(true);
    writeFileSync(stampFile, JSON.stringify({ ...stamp, inputs: Object.fromEntries(Object.keys(stamp.inputs).map((f) => [f, 'stale'])) }));
    expect(readFileSync(buildWorker(stateDir), 'utf8')).toBe(built);
  });

  it('checks an archive without inflating it: the file count, and the same refusals as extraction', () => {
    const zip = join(dir, 'code.zip');
    writeFileSync(zip, zipOf({ 'index.js': 'exports.handler = async () => 1;', 'lib/util.js': 'module.exports = 2;' }));
    const target = join(dir, 'checked');
    expect(checkZip(zip, target)).toBe(2);
    expect(existsSync(target)).toBe(false);
    expect(extractZip(zip, target)).toBe(2);
    expect(readFileSync(join(target, 'lib/util.js'), 'utf8')).toBe('module.exports = 2;');

    const slip = join(dir, 'slip.zip');
    // zipFolder never writes a name leaving its folder: one of the same length is put in its place, in the
    // local header and the central directory alike (the data and its CRC are the file's, unchanged).
    writeFileSync(slip, Buffer.from(zipOf({ 'xx/outside.js': 'x' }).toString('latin1').replaceAll('xx/outside.js', '../outside.js'), 'latin1'));
    expect(() => checkZip(slip, join(dir, 'slipped'))).toThrow(/escapes the target directory/);
    const notZip = join(dir, 'not.zip');
    writeFileSync(notZip, 'not a zip');
    expect(() => checkZip(notZip, join(dir, 'none'))).toThrow(/not a zip archive/);
  });

  it('unpacks a function before its first container starts; a failed unpack fails that invocation, not the environment', async () => {
    const codeDir = join(dir, 'lazy-code');
    const zip = join(dir, 'lazy.zip');
    writeFileSync(zip, zipOf({ 'index.js': 'exports.handler = async (event) => ({ echoed: event.n });' }));
    const spec = { name: 'lazy', arn: 'arn:aws:lambda:us-east-1:000000000000:function:lazy', handler: 'index.handler', codeDir, environment: {}, timeoutSeconds: 10, memoryMb: 128, layerDirs: [], maxContainers: 1 };
    const worker = buildWorker(join(dir, 'lazy-state'));
    const fn = new LocalFunction({ ...spec, unpack: () => void (existsSync(codeDir) || extractZip(zip, codeDir)) }, worker, join(dir, 'logs'));
    const broken = new LocalFunction({ ...spec, name: 'broken', unpack: () => extractZip(join(dir, 'missing.zip'), join(dir, 'never')) }, worker, join(dir, 'logs'));
    try {
      expect(existsSync(codeDir)).toBe(false);
      expect(await fn.invoke({ n: 1 })).toMatchObject({ ok: true, value: { echoed: 1 } });
      expect(await fn.invoke({ n: 2 })).toMatchObject({ ok: true, value: { echoed: 2 } });
      expect(readFileSync(join(codeDir, 'index.js'), 'utf8')).toContain('echoed');
      expect(await broken.invoke({})).toMatchObject({ ok: false, errorType: 'Runtime.StartError', errorMessage: expect.stringContaining('unpacking the code failed') });
      expect(broken.metrics).toMatchObject({ invocations: 1, errors: 1 });
    } finally {
      await fn.stop();
      await broken.stop();
    }
  });
});
