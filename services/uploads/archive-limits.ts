/**
 * An uploaded Excel workbook is a zip archive. Before any parser sees one, its entries are read
 * here from the central directory and inflated with hard limits — entry count, total
 * uncompressed size, compression ratio — so a small upload that unzips to gigabytes (a zip bomb)
 * is refused with a clear 400 instead of filling the API's memory. The sizes are measured by
 * inflating, not taken from the headers, which an attacker writes. Bounding the bytes also
 * bounds the parser's time; `withinTime` bounds it once more for the caller.
 */
import { inflateRawSync } from 'node:zlib';
import type { Words } from '../i18n/translate.ts';
import { zipEnd, zipEntries } from './zip-directory.ts';

/**
 * Decision: a task sheet is ~10 KB zipped and ~50 KB unzipped, a plan workbook a few MB; these
 * limits leave ample room for either and refuse the 1.7 MB → 50 MB upload of the security review.
 */
export const ARCHIVE_LIMITS = { maxEntries: 500, maxTotalBytes: 20 * 1024 * 1024, maxRatio: 100 };
export type ArchiveLimits = typeof ARCHIVE_LIMITS;

export type ArchiveProblem = 'not-an-archive' | 'too-many-entries' | 'too-large' | 'ratio';

const LOCAL_HEADER = 0x04034b50;

/** Why the archive is refused, or null when it is within the limits. */
export function archiveProblem(file: Buffer, limits: ArchiveLimits = ARCHIVE_LIMITS): ArchiveProblem | null {
  const end = zipEnd(file);
  if (!end) return 'not-an-archive';
  // 0xffff / 0xffffffff mean ZIP64, which no workbook within the limits needs.
  if (end.entries === 0xffff || end.directoryAt === 0xffffffff) return 'too-large';
  if (end.entries > limits.maxEntries) return 'too-many-entries';
  const entries = zipEntries(file, end);
  if (!entries) return 'not-an-archive';
  let total = 0;
  for (const entry of entries) {
    const local = entry.localHeaderAt;
    if (local + 30 > file.length || file.readUInt32LE(local) !== LOCAL_HEADER) return 'not-an-archive';
    const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    const data = file.subarray(start, start + entry.compressedSize);
    const room = limits.maxTotalBytes - total;
    if (entry.method === 0) total += data.length;
    else if (entry.method === 8) {
      try {
        total += inflateRawSync(data, { maxOutputLength: room + 1 }).length;
      } catch (error) {
        return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'not-an-archive';
      }
    } else return 'not-an-archive';
    if (total > limits.maxTotalBytes) return 'too-large';
  }
  return total > limits.maxRatio * file.length ? 'ratio' : null;
}

/** Words for a refused archive, in the user's language. */
export function archiveProblemWords(problem: ArchiveProblem, limits: ArchiveLimits = ARCHIVE_LIMITS): Words {
  const keys = { 'not-an-archive': 'uploads.notAnArchive', 'too-many-entries': 'uploads.tooManyEntries', 'too-large': 'uploads.tooLarge', ratio: 'uploads.ratio' } as const;
  return { key: keys[problem], params: { max: limits.maxEntries, mb: limits.maxTotalBytes / 1024 / 1024 } };
}

/** Resolves the work, or rejects with `onTimeout()` once `ms` have passed (the work itself is not stopped). */
export async function withinTime<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(onTimeout()), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
