/** What an uploaded workbook's cell holds, as people see it: shared by every sheet read back. */
import type ExcelJS from 'exceljs';

/** What a cell shows: the result of a formula, the text of rich text or a link. */
export function raw(cell: ExcelJS.Cell): unknown {
  const v = cell.value as unknown;
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    if ('result' in v) return (v as { result: unknown }).result;
    if ('richText' in v) return (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
    if ('text' in v) return (v as { text: unknown }).text;
    if ('error' in v) return v;
  }
  return v;
}

/** The cell's text, trimmed; null when empty. */
export function text(cell: ExcelJS.Cell): string | null {
  const v = raw(cell);
  if (v === null || v === undefined) return null;
  const s = (typeof v === 'object' ? '' : String(v)).trim();
  return s === '' ? null : s;
}
