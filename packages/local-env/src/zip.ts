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

/**
 * Reads a zip archive (the asset cdktf copies for each function or layer) with Node only: the central
 * directory, then each entry's data, stored (0) or deflated (8). No zip64 and no encryption, which these
 * archives never use. Directory entries are left out.
 */
export function readZipEntries(zipFile: string): ZipEntry[] {
  const buf = readFileSync(zipFile);
  const eocd = findEndOfCentralDirectory(buf);
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${zipFile}: bad central directory entry ${i}`);
    const method = buf.readUInt16LE(offset + 10);
    const compressedSize = buf.readUInt32LE(offset + 20);
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    const localOffset = buf.readUInt32LE(offset + 42);
    const name = buf.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (buf.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`${zipFile}: bad local header for "${name}"`);
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    const raw = buf.subarray(dataStart, dataStart + compressedSize);
    let data: Buffer;
    if (method === 0) data = raw;
    else if (method === 8) data = inflateRawSync(raw);
    else throw new Error(`${zipFile}: entry "${name}" uses compression method ${method}; only stored and deflate are supported`);
    entries.push({ name, data, compressed: compressedSize });
  }
  return entries;
}

/** Extracts a zip archive into a folder. Returns the number of files written. */
export function extractZip(zipFile: string, targetDir: string): number {
  mkdirSync(targetDir, { recursive: true });
  const root = normalize(targetDir);
  let written = 0;
  for (const entry of readZipEntries(zipFile)) {
    const target = normalize(join(targetDir, entry.name));
    // Zip-slip guard: an entry may not escape the target directory.
    if (!target.startsWith(root + sep)) throw new Error(`${zipFile}: entry "${entry.name}" escapes the target directory`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, entry.data);
    written++;
  }
  return written;
}

function findEndOfCentralDirectory(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) return i;
  }
  throw new Error('not a zip archive (no end of central directory record)');
}
