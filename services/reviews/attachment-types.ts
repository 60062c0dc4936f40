/**
 * What a file attached as evidence really is, told by its content (magic bytes, and for Excel
 * the names inside the zip), never by its name or the browser's word. Only four kinds are
 * taken: PDF, Excel workbook (.xlsx), PNG and JPEG. Nothing that a browser would run or render
 * as a page (HTML, SVG, scripts, programs) is among them, and a workbook with macros or a PDF
 * that declares JavaScript or a launch action is refused.
 */
import { zipEntries } from '../uploads/zip-directory.ts';

export const ATTACHMENT_TYPES = {
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'] },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  png: { mediaType: 'image/png', extensions: ['png'] },
  jpeg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
} as const;

export type AttachmentKind = keyof typeof ATTACHMENT_TYPES;

/** Why a file is refused, as a key the caller turns into words. */
export type Refusal = 'unknownType' | 'executableContent' | 'extensionMismatch';

const startsWith = (bytes: Buffer, signature: number[]) => signature.every((b, i) => bytes[i] === b);

export function sniff(bytes: Buffer): AttachmentKind | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(bytes);
    if (names?.includes('[Content_Types].xml') && names.includes('xl/workbook.xml')) return 'xlsx';
  }
  return null;
}

/** The kind of a file, or why it is refused. `fileName` is the name it was sent with. */
export function checkAttachment(bytes: Buffer, fileName: string): { kind: AttachmentKind } | { refusal: Refusal } {
  const kind = sniff(bytes);
  if (!kind) return { refusal: 'unknownType' };
  if (kind === 'xlsx' && zipEntryNames(bytes)!.some((n) => /(^|\/)vbaProject\.bin$/i.test(n) || /^xl\/activeX\//i.test(n))) return { refusal: 'executableContent' };
  // Dictionaries outside compressed object streams are plain text: the names that make a PDF run something.
  if (kind === 'pdf' && /\/(JavaScript|JS|Launch|EmbeddedFile|RichMedia)\b/.test(bytes.toString('latin1'))) return { refusal: 'executableContent' };
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (!extension || !(ATTACHMENT_TYPES[kind].extensions as readonly string[]).includes(extension)) return { refusal: 'extensionMismatch' };
  return { kind };
}

/** The names in a zip's central directory (nothing is decompressed); null when it is not a readable zip. */
export function zipEntryNames(bytes: Buffer): string[] | null {
  return zipEntries(bytes)?.map((entry) => entry.name) ?? null;
}

/**
 * The name to store and send back: the last part of what the browser sent (old browsers send
 * a whole Windows path), in Unicode NFC, without control or path characters, at most 200
 * characters (the extension kept).
 */
export function cleanFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').trim();
  if (clean.length <= 200) return clean;
  const extension = /\.[A-Za-z0-9]{1,8}$/.exec(clean)?.[0] ?? '';
  return clean.slice(0, 200 - extension.length) + extension;
}
