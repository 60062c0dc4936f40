/**
 * The plan's tables as an Excel workbook at a fiscal year: an overview, a sheet per basic goal
 * in the document's layout, the decision log, and a sheet per department of its tasks.
 * Readable by all staff of the plan's organization; a department's task statuses and submitted
 * figures are its own, so a department member's workbook has its own department's sheet only.
 */
import ExcelJS from 'exceljs';
import { isStrategyOffice, requireUser } from '../auth/authorize.ts';
import type { ServiceContext } from '../context.ts';
import { decisionNames } from '../decisions/decision-names.ts';
import { listAllDecisions } from '../decisions/list-decisions.ts';
import { listPlanDepartments } from '../plans/queries.ts';
import { japaneseDay } from './dates.ts';
import { addGoalSheet } from './excel-goal-sheet.ts';
import { addDecisionSheet, addDepartmentSheet, addOverviewSheet } from './excel-other-sheets.ts';
import { getKpiReport } from './kpi-report.ts';
import { loadReviewResults } from './review-results.ts';

export interface Download {
  body: Buffer;
  contentType: string;
  /** The name shown to people (may be Japanese) and an ASCII one for old clients. */
  filename: string;
  asciiFilename: string;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function exportExcel({ ctx, input }: { ctx: ServiceContext; input: { planId: string; fiscalYear?: number } }): Promise<Download> {
  const user = requireUser(ctx);
  const report = await getKpiReport(ctx, input.planId, input.fiscalYear);
  const [results, decisions, planDepartments, nameOf] = await Promise.all([
    loadReviewResults(ctx, input.planId, report.fiscalYear),
    listAllDecisions(ctx, input.planId),
    listPlanDepartments(ctx, input.planId),
    decisionNames(ctx, input.planId),
  ]);
  const departments = isStrategyOffice(user) ? planDepartments : planDepartments.filter((d) => d.id === user.departmentId);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'cityplan';
  workbook.created = ctx.clock.now();
  workbook.title = `${report.plan.name} ${report.fiscalYearLabel}`;
  const subtitle = `${report.organization.name}\u3000${report.plan.name}\u3000${report.fiscalYearLabel}の実績（判定日 ${japaneseDay(report.asOf)}）`;

  addOverviewSheet(workbook, report, subtitle);
  for (const goal of report.goals) addGoalSheet(workbook, report, goal, results, subtitle);
  addDecisionSheet(workbook, decisions, nameOf, subtitle);
  for (const department of departments) addDepartmentSheet(workbook, report, department, results);

  return {
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
    contentType: XLSX_TYPE,
    filename: `${report.plan.name}_ＫＰＩ表_${report.fiscalYearLabel}.xlsx`,
    asciiFilename: `${report.plan.code}-kpi-tables-FY${report.fiscalYear}.xlsx`,
  };
}
