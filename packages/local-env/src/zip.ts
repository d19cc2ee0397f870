import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/** One file of a zip archive, inflated. */
export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
  /** Size inside the archive. */
  readonly compressed: number;
}

/** Where one file's data sits in a zip archive (its central directory entry, checked against its local header). */
interface ZipRecord {
  readonly name: string;
  readonly method: number;
  readonly compressed: number;
  readonly dataStart: number;
}

/**
 * The files of a zip archive (the asset cdktf copies for each function or layer), from its central
 * directory, with Node only: stored (0) or deflated (8) entries. No zip64 and no encryption, which
 * these archives never use. Directory entries are left out. Nothing is inflated.
 */
function readZipDirectory(zipFile: string, buf: Buffer): ZipRecord[] {
  const eocd = findEndOfCentralDirectory(buf);
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const records: ZipRecord[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${zipFile}: bad central directory entry ${i}`);
    const method = buf.readUInt16LE(offset + 10);
    const compressed = buf.readUInt32LE(offset + 20);
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    const localOffset = buf.readUInt32LE(offset + 42);
    const name = buf.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (buf.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`${zipFile}: bad local header for "${name}"`);
    if (method !== 0 && method !== 8) throw new Error(`${zipFile}: entry "${name}" uses compression method ${method}; only stored and deflate are supported`);
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    records.push({ name, method, compressed, dataStart });
  }
  return records;
}

/** Reads a zip archive: every file, inflated (see readZipDirectory for what is supported). */
export function readZipEntries(zipFile: string): ZipEntry[] {
  const buf = readFileSync(zipFile);
  return readZipDirectory(zipFile, buf).map(({ name, method, compressed, dataStart }) => {
    const raw = buf.subarray(dataStart, dataStart + compressed);
    return { name, data: method === 0 ? raw : inflateRawSync(raw), compressed };
  });
}

/**
 * Checks an archive as extractZip would (a readable central directory, supported methods, no entry
 * escaping `targetDir`) without inflating anything. Returns its number of files.
 */
export function checkZip(zipFile: string, targetDir: string): number {
  const records = readZipDirectory(zipFile, readFileSync(zipFile));
  for (const r of records) targetOf(zipFile, targetDir, r.name);
  return records.length;
}

/** Extracts a zip archive into a folder. Returns the number of files written. */
export function extractZip(zipFile: string, targetDir: string): number {
  mkdirSync(targetDir, { recursive: true });
  let written = 0;
  for (const entry of readZipEntries(zipFile)) {
    const target = targetOf(zipFile, targetDir, entry.name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, entry.data);
    written++;
  }
  return written;
}

/** Where an entry is written; the zip-slip guard: an entry may not escape the target directory. */
function targetOf(zipFile: string, targetDir: string, name: string): string {
  const target = normalize(join(targetDir, name));
  if (!target.startsWith(normalize(targetDir) + sep)) throw new Error(`${zipFile}: entry "${name}" escapes the target directory`);
  return target;
}

function findEndOfCentralDirectory(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) return i;
  }
  throw new Error('not a zip archive (no end of central directory record)');
}
