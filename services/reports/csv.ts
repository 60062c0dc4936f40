/**
 * CSV as Japanese offices open it: RFC 4180 quoting, CRLF, and either UTF-8 with a BOM (so
 * Excel detects it) or Shift_JIS (Windows-31J, what older Excel and many city systems expect).
 */
import iconv from 'iconv-lite';

export const CSV_ENCODINGS = ['utf-8', 'shift_jis'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

export type CsvCell = string | number | boolean | null | undefined;

export function csvText(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  // A text starting with = + - @ would run as a formula in a spreadsheet: keep it text.
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Characters Unicode and Shift_JIS disagree on are mapped to the ones Windows shows for them
 * (〜 → ～, − → －, …); anything else outside Shift_JIS becomes "?", so UTF-8 is the lossless choice.
 */
const TO_WINDOWS_31J: Record<string, string> = {
  '\u301C': '\uFF5E',
  '\u2212': '\uFF0D',
  '\u2016': '\u2225',
  '\u2014': '\u2015',
  '\u00A2': '\uFFE0',
  '\u00A3': '\uFFE1',
  '\u00AC': '\uFFE2',
};

export function encodeCsv(text: string, encoding: CsvEncoding): { body: Buffer; contentType: string } {
  if (encoding === 'shift_jis') {
    const mapped = text.replace(/[\u301C\u2212\u2016\u2014\u00A2\u00A3\u00AC]/g, (c) => TO_WINDOWS_31J[c]!);
    return { body: iconv.encode(mapped, 'Shift_JIS'), contentType: 'text/csv; charset=Shift_JIS' };
  }
  return { body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), contentType: 'text/csv; charset=utf-8' };
}
