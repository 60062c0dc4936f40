/**
 * Reads a filled task sheet back and submits it through the same service as the form
 * (submitActuals): the same checks, the same authorization, one transaction. Problems are named
 * by cell (B5, E7 …); nothing is written unless the whole sheet is valid.
 */
import { desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { taskSubmissions } from '../../db/schema/index.ts';
import { requireUser } from '../auth/authorize.ts';
import type { ServiceContext } from '../context.ts';
import { badRequest, forbidden, invalidInput, problemAt, ServiceError, type FieldProblem } from '../errors.ts';
import { findTask } from '../reviews/lock-task.ts';
import { XLSX_TYPE } from './export-excel.ts';
import { inputProblems } from '../input-check.ts';
import { loadWorkbook } from '../uploads/load-workbook.ts';
import { raw, text } from '../uploads/cell-values.ts';
import { MAX_COMMENT, MAX_NOTE, SubmitActualsBody, submitActuals, type SubmittedValue } from '../reviews/submit-actuals.ts';
import { QUALITY_WORDS, TASK_SHEET } from './task-sheet.ts';
import { ownsTask } from '../reviews/permissions.ts';

const c = TASK_SHEET.columns;
/** The largest workbook taken (the API's body limit and the page's file limit). */
export const MAX_SHEET_BYTES = 5 * 1024 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The submission's own limits (services/reviews/submit-actuals.ts), checked per cell to name the cell.
const MAX_TEXT = MAX_NOTE;

export async function uploadTaskSheet({ ctx, input }: { ctx: ServiceContext; input: { taskId: string; file: unknown } }) {
  // Who may submit is settled before the file is read: the same rules submitActuals applies.
  const user = requireUser(ctx);
  const { task } = await findTask(ctx.db, user, input.taskId);
  if (!ownsTask(user, task)) throw forbidden('only the department that owns the task submits its actuals');
  if (!Buffer.isBuffer(input.file) || input.file.length === 0) throw badRequest('no workbook', [problemAt('body', { key: 'sheet.noFile', params: { type: XLSX_TYPE } })]);
  if (input.file.length > MAX_SHEET_BYTES) throw badRequest('workbook too large', [problemAt('body', { key: 'sheet.tooLarge', params: { mb: MAX_SHEET_BYTES / 1024 / 1024 } })]);
  const sheet = await readSheet(input.file);
  const { values, rows, comment, problems } = readValues(sheet, input.taskId);
  if (problems.length) throw sheetProblems(problems);
  try {
    // The sheet has no cell for the evidence link: the latest submission's link is kept, not erased.
    const [latest] = await ctx.db.select({ evidenceUrl: taskSubmissions.evidenceUrl }).from(taskSubmissions).where(eq(taskSubmissions.taskId, input.taskId)).orderBy(desc(taskSubmissions.version)).limit(1);
    const body = { values, comment, evidenceUrl: latest?.evidenceUrl ?? null };
    // Checked against the one submission schema the API and the form use, problems then named by cell below.
    const invalid = inputProblems(SubmitActualsBody, body, 'body');
    if (invalid.length) throw invalidInput(invalid);
    return await submitActuals({ ctx, input: { taskId: input.taskId, ...body } });
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'BAD_REQUEST' && error.details?.problems) {
      throw sheetProblems(error.details.problems.map((p) => ({ ...p, field: cellOf(p.field, rows) })));
    }
    throw error;
  }
}

async function readSheet(file: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = await loadWorkbook(file, { key: 'sheet.notExcel' });
  const sheet = workbook.getWorksheet(TASK_SHEET.name) ?? workbook.worksheets[0];
  if (!sheet) throw badRequest('empty workbook', [problemAt('body', { key: 'sheet.noSheet', params: { name: TASK_SHEET.name } })]);
  return sheet;
}

function readValues(sheet: ExcelJS.Worksheet, taskId: string) {
  const problems: FieldProblem[] = [];
  const values: SubmittedValue[] = [];
  const rows: number[] = [];
  const sheetTaskId = text(sheet.getCell(TASK_SHEET.taskIdCell));
  if (sheetTaskId !== taskId) {
    problems.push(problemAt(TASK_SHEET.taskIdCell, { key: 'sheet.otherTask' }));
    return { values, rows, comment: null, problems };
  }
  const comment = text(sheet.getCell(TASK_SHEET.commentCell));
  if (comment && comment.length > MAX_COMMENT) problems.push(problemAt(TASK_SHEET.commentCell, { key: 'problems.maxLength', params: { limit: MAX_COMMENT } }));

  for (let r = TASK_SHEET.firstKpiRow; r < TASK_SHEET.firstKpiRow + TASK_SHEET.maxKpiRows; r++) {
    const kpiId = text(sheet.getCell(`${c.kpiId}${r}`));
    if (!kpiId) break;
    const name = text(sheet.getCell(`${c.name}${r}`)) ?? '';
    if (!UUID.test(kpiId)) {
      problems.push(problemAt(`${c.kpiId}${r}`, { key: 'sheet.kpiChanged' }));
      continue;
    }
    const unit = text(sheet.getCell(`${c.unit}${r}`)) ?? '';
    const value = numberIn(sheet.getCell(`${c.value}${r}`), name, unit, problems);
    const quality = qualityIn(sheet.getCell(`${c.quality}${r}`), problems);
    const cancelledReason = limited(sheet.getCell(`${c.cancelledReason}${r}`), MAX_TEXT, problems);
    const note = limited(sheet.getCell(`${c.note}${r}`), MAX_TEXT, problems);
    values.push({ kpiId, value, cancelledReason, quality, note });
    rows.push(r);
  }
  if (!rows.length && !problems.length) problems.push(problemAt(`${c.kpiId}${TASK_SHEET.firstKpiRow}`, { key: 'sheet.noRows' }));
  return { values, rows, comment, problems };
}

/** The cell a problem of submitActuals is about: body.values[2].value → B7. */
function cellOf(field: string, rows: number[]): string {
  const match = /^body\.values\[(\d+)\]\.(\w+)$/.exec(field);
  if (match) {
    const column = (c as Record<string, string>)[match[2]!] ?? c.value;
    return `${column}${rows[Number(match[1])] ?? TASK_SHEET.firstKpiRow}`;
  }
  if (field === 'body.values') return `${c.value}${TASK_SHEET.firstKpiRow}:${c.value}${(rows.at(-1) ?? TASK_SHEET.firstKpiRow)}`;
  if (field === 'body.comment') return TASK_SHEET.commentCell;
  return field;
}

function sheetProblems(problems: FieldProblem[]) {
  return badRequest(`the sheet has ${problems.length} problem(s); nothing was submitted: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
}

function limited(cell: ExcelJS.Cell, max: number, problems: FieldProblem[]): string | null {
  const s = text(cell);
  if (s && s.length > max) problems.push(problemAt(cell.address, { key: 'problems.maxLength', params: { limit: max } }));
  return s;
}

/**
 * A number as people type it: 1,234 / １２３４ / 45.9% / 12人 / 累計 40人. A cell formatted as a
 * percentage holds 0.459 for 45.9%: the figure shown is the one meant.
 */
function numberIn(cell: ExcelJS.Cell, kpiName: string, unit: string, problems: FieldProblem[]): number | null {
  const v = raw(cell);
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return cell.numFmt?.includes('%') ? Math.round(v * 100 * 1e9) / 1e9 : v;
  if (typeof v === 'string') {
    const cleaned = v.normalize('NFKC').replace(/累計|[,\s]/g, '').replace(/[−－]/g, '-');
    if (cleaned === '') return null;
    const match = /^(-?\d+(?:\.\d+)?)(.*)$/u.exec(cleaned);
    if (match && (match[2] === '' || match[2] === unit.normalize('NFKC') || match[2] === '%')) return Number(match[1]);
  }
  problems.push(problemAt(cell.address, { key: 'sheet.notNumber', params: { kpi: kpiName, shown: typeof v === 'object' ? { key: 'sheet.error' } : String(v) } }));
  return null;
}

function qualityIn(cell: ExcelJS.Cell, problems: FieldProblem[]): 'final' | 'provisional' {
  const s = text(cell);
  if (!s || s === QUALITY_WORDS.final || s === '確報') return 'final';
  if (s === QUALITY_WORDS.provisional || s === '速報') return 'provisional';
  problems.push(problemAt(cell.address, { key: 'sheet.quality', params: QUALITY_WORDS }));
  return 'final';
}
