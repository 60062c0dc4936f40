/**
 * What both imports of a filled plan workbook share (as a new plan, as a draft's new content):
 * the file checks, reading it back into a plan file, the plan file's own validation with its
 * JSON paths turned back into cells, and one refusal listing every problem by sheet and cell.
 */
import type { AuthUser } from '../../context.ts';
import { badRequest, type FieldProblem } from '../../errors.ts';
import { translator } from '../../i18n/translate.ts';
import { XLSX_TYPE } from '../../reports/export-excel.ts';
import { loadWorkbook } from '../../uploads/load-workbook.ts';
import { validatePlanFile } from '../validate-plan-file.ts';
import { FIRST_ROW, PLAN_VALUE_COLUMN, planFieldRow, SHEETS } from './layout.ts';
import { MAX_WORKBOOK_BYTES } from './limits.ts';
import { readPlanWorkbook, type WorkbookRead } from './read-plan-workbook.ts';
import { WORKBOOK_WORDS, type WorkbookWords } from './workbook-words.ts';

export interface FilledWorkbook {
  read: WorkbookRead;
  /** The workbook's own problems and the plan file's, each at its cell. */
  problems: FieldProblem[];
  /** Problems named by JSON path (`$.goals[0]…`), in their message too, as cells. */
  located: (problems: FieldProblem[]) => FieldProblem[];
  words: WorkbookWords;
  /** The document properties the workbook was saved with (the draft's version, if exported from a draft). */
  keywords: string;
}

export async function readFilledWorkbook(user: AuthUser, file: unknown): Promise<FilledWorkbook> {
  const words = WORKBOOK_WORDS[user.locale];
  if (!Buffer.isBuffer(file) || file.length === 0) throw badRequest('no workbook', [{ field: 'body', message: user.locale === 'ja' ? words.noFile : `send the .xlsx file as the body with Content-Type ${XLSX_TYPE}` }]);
  if (file.length > MAX_WORKBOOK_BYTES) throw badRequest('workbook too large', [{ field: 'body', message: words.tooLarge }]);
  const workbook = await loadWorkbook(file, translator(user.locale), words.notExcel);
  const read = readPlanWorkbook(workbook, user.locale);
  // A message may name another place too (「最初は $.goals[0]…」): that is a cell as well.
  const located = (problems: FieldProblem[]) => problems.map((p) => ({ field: read.locate(p.field), message: p.message.replace(/\$(?:\.[A-Za-z]+|\[\d+\])+/g, (path) => read.locate(path)) }));
  const check = validatePlanFile(read.file, user.locale);
  return { read, problems: [...read.problems, ...(check.ok ? [] : located(check.problems))], located, words, keywords: workbook.keywords ?? '' };
}

export const cellOf = (key: Parameters<typeof planFieldRow>[0]) => `${SHEETS.plan}!${PLAN_VALUE_COLUMN}${planFieldRow(key)}`;

const SHEET_ORDER: string[] = Object.values(SHEETS);

/** One problem a cell, in the workbook's order: sheet by sheet, row by row. */
export function workbookProblems(problems: FieldProblem[]) {
  const seen = new Set<string>();
  const unique = problems.filter((p) => !seen.has(p.field) && seen.add(p.field));
  const key = (field: string) => {
    const [sheet, cell] = field.split('!') as [string, string | undefined];
    const m = /^([A-Z]+)(\d+)$/.exec(cell ?? '');
    return [SHEET_ORDER.indexOf(sheet), m ? Number(m[2]) : FIRST_ROW, m ? m[1]!.length * 100 + m[1]!.charCodeAt(m[1]!.length - 1) : 0] as const;
  };
  unique.sort((a, b) => {
    const [x, y] = [key(a.field), key(b.field)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
  return badRequest(`the workbook has ${unique.length} problem(s); nothing was imported: ${unique.map((p) => `${p.field} ${p.message}`).join('; ')}`, unique);
}
