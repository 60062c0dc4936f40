/**
 * The plan as an Excel workbook (「Excelで出力」): built from the plan file the JSON export gives,
 * so the workbook says exactly what the file says. Readable by all staff of the plan's organization.
 */
import type { ServiceContext } from '../../context.ts';
import { XLSX_TYPE, type Download } from '../../reports/export-excel.ts';
import { getPlanExport } from '../queries.ts';
import { writePlanWorkbook } from './write-plan-workbook.ts';

export async function exportPlanWorkbook({ ctx, input }: { ctx: ServiceContext; input: { planId: string } }): Promise<Download> {
  const file = await getPlanExport(ctx, input.planId);
  const workbook = writePlanWorkbook(file);
  workbook.created = ctx.clock.now();
  return {
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
    contentType: XLSX_TYPE,
    filename: `${file.plan.name}_計画.xlsx`,
    asciiFilename: `${file.plan.code}-plan.xlsx`,
  };
}
