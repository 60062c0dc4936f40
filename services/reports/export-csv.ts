/**
 * The plan's KPI table at a fiscal year as one CSV: a row per numeric target and KPI, figures as
 * plain numbers with the unit and 累計 in their own columns, for people who sort and filter.
 */
import type { ServiceContext } from '../context.ts';
import { fiscalYearLabel } from '../fiscal-year.ts';
import { encodeCsv, csvText, type CsvCell, type CsvEncoding } from './csv.ts';
import type { Download } from './export-excel.ts';
import { achievementPercent, achievementWords, yearText } from './figures.ts';
import { getKpiReport, type KpiReport } from './kpi-report.ts';

export async function exportCsv({ ctx, input }: { ctx: ServiceContext; input: { planId: string; fiscalYear?: number; encoding?: CsvEncoding } }): Promise<Download> {
  const report = await getKpiReport(ctx, input.planId, input.fiscalYear);
  const encoding = input.encoding ?? 'utf-8';
  const { body, contentType } = encodeCsv(csvText(kpiTableRows(report)), encoding);
  const suffix = encoding === 'shift_jis' ? '_SJIS' : '';
  return {
    body,
    contentType,
    filename: `${report.plan.name}_ＫＰＩ表_${report.fiscalYearLabel}${suffix}.csv`,
    asciiFilename: `${report.plan.code}-kpi-tables-FY${report.fiscalYear}${suffix.toLowerCase()}.csv`,
  };
}

export function kpiTableRows(report: KpiReport): CsvCell[][] {
  const header = [
    '基本目標', '区分', '施策の基本的方向', '施策番号', '施策名', '事業名', '担当課', '指標名', '単位', '累計',
    '基準値', '基準年度',
    ...report.years.map((y) => `実績値（${fiscalYearLabel(y).ja}）`),
    '目標値', '目標年度', '達成率（%）', '判定', '判定の理由',
  ];
  const rows = report.goals.flatMap((g) =>
    g.rows.map((r) => [
      g.number,
      r.kind === 'numeric_target' ? '数値目標' : 'ＫＰＩ',
      r.directionCode,
      r.measureNumber,
      r.measureTitle,
      r.projectName,
      r.departments.join('／'),
      r.name,
      r.unit,
      r.cumulative ? '累計' : '',
      r.baseline?.value,
      r.baseline && yearText(r.baseline),
      ...r.actuals.map((a) => a?.value),
      r.target?.value,
      r.target && yearText(r.target),
      // Below zero the words, never a negative percentage.
      achievementWords(r.achievement, r.decline) ?? achievementPercent(r.achievement),
      r.statusLabel,
      r.reason,
    ]),
  );
  return [header, ...rows];
}
