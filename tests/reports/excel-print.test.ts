/**
 * The workbooks print legibly on A4 landscape (issue 15, item 8): every goal sheet and the
 * department's task sheet are set up for A4 landscape one page wide, repeat their header row on
 * every page and wrap long text; dates are written in 和暦 as the pages write them. Read back
 * with exceljs (the settings) and printed to PDF by LibreOffice (what comes out of the printer).
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { useTestApp } from '../helpers/setup.ts';
import { hasLibreOffice } from '../helpers/system-tools.ts';
import { planIdOf, printWithLibreOffice } from './helpers.ts';

let so: Client, employment: Client;
let planId: string;
let workbook: ExcelJS.Workbook, workbookBytes: Buffer;
let taskSheet: ExcelJS.Workbook, taskSheetBytes: Buffer;

const load = async (bytes: Buffer) => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return book;
};

beforeAll(async () => {
  const { app } = await useTestApp();
  [so, employment] = await Promise.all([signIn(app, DEMO.strategy), signIn(app, DEMO.employment)]);
  planId = await planIdOf(so);
  const opened = await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2022, measureNumbers: [1], dueDate: '2099-06-30' });
  expect(opened.statusCode, opened.body).toBe(201);
  const [task] = (await employment.get('/api/tasks?fiscalYear=2022')).json().items;
  const workbookRes = await so.get(`/api/plans/${planId}/reports/kpi-tables.xlsx?fiscalYear=2022`);
  expect(workbookRes.statusCode).toBe(200);
  workbookBytes = workbookRes.rawPayload;
  const sheetRes = await employment.get(`/api/tasks/${task.id}/sheet`);
  expect(sheetRes.statusCode, sheetRes.body.slice(0, 200)).toBe(200);
  taskSheetBytes = sheetRes.rawPayload;
  [workbook, taskSheet] = await Promise.all([load(workbookBytes), load(taskSheetBytes)]);
}, 120_000);

describe('the page setup, read back', () => {
  it('sets every sheet of the workbook to A4 landscape, one page wide, its header row repeated', () => {
    expect(workbook.worksheets.length).toBeGreaterThan(6);
    for (const sheet of workbook.worksheets) {
      expect(sheet.pageSetup, sheet.name).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(sheet.pageSetup.printTitlesRow, sheet.name).toBe('4:4');
      expect(sheet.headerFooter.oddFooter, sheet.name).toContain('&P / &N');
    }
  });

  it('wraps the goal sheets’ long text and keeps their columns narrow enough to read on paper', () => {
    for (const n of [1, 2, 3, 4]) {
      const sheet = workbook.getWorksheet(`基本目標${n}`)!;
      // The header row and a data row's reason wrap instead of running off the page.
      expect(sheet.getRow(4).getCell(1).alignment?.wrapText).toBe(true);
      const reasonColumn = sheet.getRow(4).values as unknown[];
      const reason = reasonColumn.indexOf('判定の理由');
      expect(reason).toBeGreaterThan(0);
      expect(sheet.getRow(5).getCell(reason).alignment?.wrapText).toBe(true);
      expect(sheet.getRow(5).getCell(5).alignment?.wrapText).toBe(true);
      // All columns together about two A4 landscape widths of 11-point text at most (≥ 60 % when fitted).
      const width = sheet.columns.reduce((sum, c) => sum + (c.width ?? 9), 0);
      expect(width, sheet.name).toBeLessThanOrEqual(240);
      for (const c of sheet.columns) expect(c.width ?? 9).toBeLessThanOrEqual(26);
    }
  });

  it('sets the task sheet to A4 landscape with its header row repeated and wrapped cells', () => {
    const sheet = taskSheet.worksheets[0]!;
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '4:4' });
    expect(sheet.getCell('A5').alignment?.wrapText).toBe(true);
  });

  it('writes dates in 和暦 as the pages do, never as ISO dates', () => {
    const department = workbook.getWorksheet('工業・雇用振興課')!;
    expect(department.getRow(5).getCell(7).value).toBe('令和81年6月30日（火）');
    const log = workbook.getWorksheet('決定記録')!;
    const decidedAt = log.getColumn(9).values.slice(5).filter(Boolean) as string[];
    expect(decidedAt.length).toBeGreaterThan(40);
    for (const v of decidedAt) expect(v).toMatch(/^令和\d+年(\d+月\d+日（.） \d\d:\d\d|度（計画書に日付の記載なし）)$/);
    expect(String(taskSheet.worksheets[0]!.getCell('A2').value)).toContain('提出期限 令和81年6月30日（火）');
    // No cell of any sheet holds an ISO date.
    for (const sheet of [...workbook.worksheets, ...taskSheet.worksheets]) {
      sheet.eachRow((row) => row.eachCell((cell) => expect(String(cell.value), `${sheet.name}!${cell.address}`).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/)));
    }
  });
});

describe.skipIf(!hasLibreOffice)('printed by LibreOffice', () => {
  it('prints the task sheet on one A4 landscape page', async () => {
    const pages = await printWithLibreOffice(taskSheetBytes);
    expect(pages).toEqual([{ width: 842, height: 595 }]);
  }, 200_000);

  it('prints the workbook on A4 landscape pages, each sheet one page wide', async () => {
    const pages = await printWithLibreOffice(workbookBytes);
    for (const page of pages) expect(page).toEqual({ width: 842, height: 595 });
    // A page or a few per sheet, never a sheet cut into columns across many pages.
    expect(pages.length).toBeGreaterThanOrEqual(workbook.worksheets.length);
    expect(pages.length).toBeLessThanOrEqual(workbook.worksheets.length * 3);
  }, 200_000);
});
