/**
 * A filled plan workbook imported as a new plan of the strategy office's own organization
 * (「Excelから取り込む」). The workbook is read back into a plan file, which the plan file's own
 * validator and importer take as they take a JSON file: the same rules, one transaction. Every
 * problem is named by sheet and cell (`ＫＰＩ!F12`) in the uploader's language, and nothing is
 * written unless the whole workbook is valid.
 */
import { eq } from 'drizzle-orm';
import { organizations } from '../../../db/schema/index.ts';
import { requireStrategyOffice } from '../../auth/authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { badRequest, problemAt, ServiceError, type FieldProblem } from '../../errors.ts';
import { mapTexts } from '../../i18n/translate.ts';
import { loadWorkbook } from '../../uploads/load-workbook.ts';
import { importPlanFile, type ImportResult } from '../import-plan.ts';
import { validatePlanFile } from '../validate-plan-file.ts';
import { FIRST_ROW, PLAN_VALUE_COLUMN, planFieldRow, SHEETS } from './layout.ts';
import { MAX_WORKBOOK_BYTES } from './limits.ts';
import { readPlanWorkbook } from './read-plan-workbook.ts';
import { WORKBOOK_WORDS } from './workbook-words.ts';

export async function importPlanWorkbook({ ctx, input }: { ctx: ServiceContext; input: { file: unknown } }): Promise<ImportResult> {
  const user = requireStrategyOffice(ctx);
  const words = WORKBOOK_WORDS;
  if (!Buffer.isBuffer(input.file) || input.file.length === 0) throw badRequest('no workbook', [problemAt('body', words.noFile)]);
  if (input.file.length > MAX_WORKBOOK_BYTES) throw badRequest('workbook too large', [problemAt('body', words.tooLarge)]);
  const workbook = await loadWorkbook(input.file, words.notExcel);
  const read = readPlanWorkbook(workbook);
  // A problem may name another place too (「最初は $.goals[0]…」): that is a cell as well.
  const located = (problems: FieldProblem[]) => problems.map((p) => problemAt(read.locate(p.field), mapTexts(p.words!, (text) => text.replace(/\$(?:\.[A-Za-z]+|\[\d+\])+/g, (path) => read.locate(path)))));

  const check = validatePlanFile(read.file);
  const problems = [...read.problems, ...(check.ok ? [] : located(check.problems))];
  const [organization] = await ctx.db.select({ code: organizations.code, name: organizations.name }).from(organizations).where(eq(organizations.id, user.organizationId));
  const code = (read.file.organization as { code?: unknown } | undefined)?.code;
  if (code !== undefined && code !== organization!.code) problems.push(problemAt(cellOf('organization.code'), words.otherOrganization(organization!.name)));
  if (problems.length) throw workbookProblems(problems);

  try {
    return await importPlanFile(ctx, read.file);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    // The plan code is taken by another plan; a department code already names another department.
    if (error.code === 'CONFLICT') throw workbookProblems([problemAt(cellOf('plan.code'), words.planCodeTaken)]);
    // A department code that names another department already, a 継続元 not in an earlier plan.
    const refused = error.code === 'BAD_REQUEST' ? (error.details?.problems ?? []) : [];
    if (refused.length) throw workbookProblems(located(refused));
    throw error;
  }
}

const cellOf = (key: Parameters<typeof planFieldRow>[0]) => `${SHEETS.plan}!${PLAN_VALUE_COLUMN}${planFieldRow(key)}`;

const SHEET_ORDER: string[] = Object.values(SHEETS);

/** One problem a cell, in the workbook's order: sheet by sheet, row by row. */
function workbookProblems(problems: FieldProblem[]) {
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
