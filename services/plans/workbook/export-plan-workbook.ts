/**
 * The plan as an Excel workbook (「Excelで出力」): built from the plan file the JSON export gives,
 * so the workbook says exactly what the file says; a draft's is its draft's plan file, stamped
 * with the draft's version (draft-version.ts). Readable by all staff of the plan's organization.
 */
import type { ServiceContext } from '../../context.ts';
import { XLSX_TYPE, type Download } from '../../reports/export-excel.ts';
import { exportPlan } from '../export-plan.ts';
import type { PlanFile } from '../plan-file.ts';
import { findPlan } from '../queries.ts';
import { draftVersionTag } from './draft-version.ts';
import { writePlanWorkbook } from './write-plan-workbook.ts';

export async function exportPlanWorkbook({ ctx, input }: { ctx: ServiceContext; input: { planId: string } }): Promise<Download> {
  const plan = await findPlan(ctx, input.planId);
  const draft = plan.status === 'draft' && plan.draft ? (plan.draft as unknown as PlanFile) : null;
  const file = draft ?? (await exportPlan(ctx.db, plan.id));
  const workbook = writePlanWorkbook(file);
  workbook.created = ctx.clock.now();
  if (draft) workbook.keywords = draftVersionTag(plan.sourceHash);
  return {
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
    contentType: XLSX_TYPE,
    filename: `${file.plan.name}_${draft ? '計画（下書き）' : '計画'}.xlsx`,
    asciiFilename: `${file.plan.code}-${draft ? 'draft' : 'plan'}.xlsx`,
  };
}
