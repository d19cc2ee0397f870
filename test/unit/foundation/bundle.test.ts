import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { bundleHandler, zipFolder } from '@tap/constructs';

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
