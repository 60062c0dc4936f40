/** The look shared by every sheet the reports write: title rows, a header row, status colours, A4 printing. */
import type ExcelJS from 'exceljs';
import type { OrientStatus } from '../orient/statuses.ts';

const THIN = { style: 'thin' as const, color: { argb: 'FF999999' } };
export const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Pale colours that survive black-and-white printing: the label is always written too. */
const STATUS_FILL: Record<OrientStatus, string> = {
  achieved: 'FFD9EAD3',
  on_track: 'FFE2F0D9',
  at_risk: 'FFFFF2CC',
  off_track: 'FFF4CCCC',
  cancelled: 'FFEDEDED',
  awaiting_data: 'FFEDEDED',
  no_data: 'FFEDEDED',
  not_assessed: 'FFEDEDED',
};

export function statusFill(status: OrientStatus): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: STATUS_FILL[status] } };
}

export const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFFCC' } };

/** Excel's rules for sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the book. */
export function sheetName(workbook: ExcelJS.Workbook, wanted: string): string {
  const base = wanted.replace(/[:\\/?*[\]]/g, '・').slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; workbook.worksheets.some((w) => w.name === name); n++) name = `${base.slice(0, 31 - String(n).length - 1)}_${n}`;
  return name;
}

/** A4 (paperSize 9) landscape, as wide as one page and as many pages long as it takes, narrow margins. */
export const A4_LANDSCAPE: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
};

/** A sheet that prints legibly: A4 landscape, its header row repeated on every page and frozen on screen. */
export function addSheet(workbook: ExcelJS.Workbook, wanted: string, headerRow: number): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(sheetName(workbook, wanted), {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
    pageSetup: { ...A4_LANDSCAPE, printTitlesRow: `${headerRow}:${headerRow}` },
  });
  // Page numbers on paper: 「1 / 3 ページ」.
  sheet.headerFooter = { oddFooter: '&C&P / &N ページ' };
  return sheet;
}

/** A bold title in row 1 and a subtitle in row 2. */
export function titleRows(sheet: ExcelJS.Worksheet, title: string, subtitle: string) {
  sheet.getCell('A1').value = title;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value = subtitle;
  sheet.getCell('A2').font = { size: 10, color: { argb: 'FF555555' } };
}

/** The header row: bold on grey, wrapped, with a filter; column widths in characters. */
export function headerRow(sheet: ExcelJS.Worksheet, rowNumber: number, columns: readonly (readonly [string, number])[]) {
  const row = sheet.getRow(rowNumber);
  columns.forEach(([label, width], i) => {
    const cell = row.getCell(i + 1);
    cell.value = label;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = BORDER;
    sheet.getColumn(i + 1).width = width;
  });
  row.height = 30;
  sheet.autoFilter = { from: { row: rowNumber, column: 1 }, to: { row: rowNumber, column: columns.length } };
}

export function borderRow(row: ExcelJS.Row, columns: number) {
  for (let c = 1; c <= columns; c++) {
    const cell = row.getCell(c);
    cell.border = BORDER;
    cell.alignment = { vertical: 'top', wrapText: true, ...cell.alignment };
  }
}
