import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/**
 * Extracts a zip archive (the asset cdktf packs for each function or layer) with Node only: reads the
 * central directory, then each entry's data, stored (0) or deflated (8). No zip64 and no encryption,
 * which cdktf's archives never use. Returns the number of files written.
 */
export function extractZip(zipFile: string, targetDir: string): number {
  mkdirSync(targetDir, { recursive: true });
  const buf = readFileSync(zipFile);
  const eocd = findEndOfCentralDirectory(buf);
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  let written = 0;
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

    const target = normalize(join(targetDir, name));
    // Zip-slip guard: an entry may not escape the target directory.
    if (!target.startsWith(normalize(targetDir) + sep) && target !== normalize(targetDir)) throw new Error(`${zipFile}: entry "${name}" escapes the target directory`);
    if (name.endsWith('/')) {
      mkdirSync(target, { recursive: true });
      continue;
    }
    if (buf.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`${zipFile}: bad local header for "${name}"`);
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    const raw = buf.subarray(dataStart, dataStart + compressedSize);
    let data: Buffer;
    if (method === 0) data = raw;
    else if (method === 8) data = inflateRawSync(raw);
    else throw new Error(`${zipFile}: entry "${name}" uses compression method ${method}; only stored and deflate are supported`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
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
