/**
 * Opens an uploaded .xlsx within the archive limits (a zip bomb is refused before the parser
 * inflates anything) and a parse-time bound: the one way every upload reads a workbook.
 */
import ExcelJS from 'exceljs';
import { badRequest, problemAt, ServiceError } from '../errors.ts';
import type { Words } from '../i18n/translate.ts';
import { archiveProblem, archiveProblemWords, withinTime } from './archive-limits.ts';

/** Longest a workbook within the archive limits may take to parse. */
export const PARSE_MS = 10_000;

/** The workbook, or a 400 naming `body` with `notExcel` (the caller's words) or the limit passed. */
export async function loadWorkbook(file: Buffer, notExcel: Words): Promise<ExcelJS.Workbook> {
  const problem = archiveProblem(file);
  if (problem && problem !== 'not-an-archive') throw badRequest(`archive refused: ${problem}`, [problemAt('body', archiveProblemWords(problem))]);
  const workbook = new ExcelJS.Workbook();
  const tooSlow = () => badRequest('workbook took too long to parse', [problemAt('body', { key: 'uploads.tooSlow', params: { seconds: PARSE_MS / 1000 } })]);
  try {
    if (problem) throw new Error(problem);
    await withinTime(workbook.xlsx.load(file as unknown as ExcelJS.Buffer), PARSE_MS, tooSlow);
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    throw badRequest('not an Excel workbook', [problemAt('body', notExcel)]);
  }
  return workbook;
}
