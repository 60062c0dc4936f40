/**
 * What both imports of a filled plan workbook share (as a new plan, as a draft's new content):
 * the file checks, reading it back into a plan file, the plan file's own validation with its
 * JSON paths turned back into cells, and one refusal listing every problem by sheet and cell.
 */
import { badRequest, problemAt, type FieldProblem } from '../../errors.ts';
import { mapTexts } from '../../i18n/translate.ts';
import { loadWorkbook } from '../../uploads/load-workbook.ts';
import { validatePlanFile } from '../validate-plan-file.ts';
import { FIRST_ROW, PLAN_VALUE_COLUMN, planFieldRow, SHEETS } from './layout.ts';
import { MAX_WORKBOOK_BYTES } from './limits.ts';
import { readPlanWorkbook, type WorkbookRead } from './read-plan-workbook.ts';
import { WORKBOOK_WORDS } from './workbook-words.ts';

export interface FilledWorkbook {
  read: WorkbookRead;
  /** The workbook's own problems and the plan file's, each at its cell. */
  problems: FieldProblem[];
  /** Problems named by JSON path (`$.goals[0]…`), in their words too, as cells. */
  located: (problems: FieldProblem[]) => FieldProblem[];
  /** The document properties' keywords (the draft's version, when exported from a draft). */
  keywords: string;
}

export async function readFilledWorkbook(file: unknown): Promise<FilledWorkbook> {
  const words = WORKBOOK_WORDS;
  if (!Buffer.isBuffer(file) || file.length === 0) throw badRequest('no workbook', [problemAt('body', words.noFile)]);
  if (file.length > MAX_WORKBOOK_BYTES) throw badRequest('workbook too large', [problemAt('body', words.tooLarge)]);
  const workbook = await loadWorkbook(file, words.notExcel);
  const read = readPlanWorkbook(workbook);
  // A problem may name another place too (「最初は $.goals[0]…」): that is a cell as well.
  const located = (problems: FieldProblem[]) => problems.map((p) => problemAt(read.locate(p.field), mapTexts(p.words!, (text) => text.replace(/\$(?:\.[A-Za-z]+|\[\d+\])+/g, (path) => read.locate(path)))));
  const check = validatePlanFile(read.file);
  return { read, problems: [...read.problems, ...(check.ok ? [] : located(check.problems))], located, keywords: workbook.keywords ?? '' };
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
