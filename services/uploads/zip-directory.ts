/**
 * A zip archive's central directory, read from its end record without decompressing anything:
 * the one reader behind the archive limits (services/uploads/archive-limits.ts) and the
 * attachment type check (services/reviews/attachment-types.ts).
 */

const END_RECORD = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;

export interface ZipEnd {
  /** How many entries the directory says it holds (0xffff: ZIP64). */
  entries: number;
  /** Where the directory starts (0xffffffff: ZIP64). */
  directoryAt: number;
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  localHeaderAt: number;
}

/** The end of central directory record, or null when there is none. */
export function zipEnd(bytes: Buffer): ZipEnd | null {
  // The record is 22 bytes plus a comment of at most 65,535.
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === END_RECORD) return { entries: bytes.readUInt16LE(i + 10), directoryAt: bytes.readUInt32LE(i + 16) };
  }
  return null;
}

/** The directory's entries, or null when it is not a readable zip. */
export function zipEntries(bytes: Buffer, end: ZipEnd | null = zipEnd(bytes)): ZipEntry[] | null {
  if (!end) return null;
  const entries: ZipEntry[] = [];
  let at = end.directoryAt;
  for (let n = 0; n < end.entries; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL_HEADER) return null;
    const nameLength = bytes.readUInt16LE(at + 28);
    if (at + 46 + nameLength > bytes.length) return null;
    entries.push({
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      localHeaderAt: bytes.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}
