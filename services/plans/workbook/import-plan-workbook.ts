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
import { problemAt, ServiceError } from '../../errors.ts';
import { importPlanFile, type ImportResult } from '../import-plan.ts';
import { cellOf, readFilledWorkbook, workbookProblems } from './filled-workbook.ts';
import { WORKBOOK_WORDS } from './workbook-words.ts';

export async function importPlanWorkbook({ ctx, input }: { ctx: ServiceContext; input: { file: unknown } }): Promise<ImportResult> {
  const user = requireStrategyOffice(ctx);
  const words = WORKBOOK_WORDS;
  const { read, problems, located } = await readFilledWorkbook(input.file);
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
