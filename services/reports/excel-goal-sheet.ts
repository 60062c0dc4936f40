/**
 * One sheet per basic goal in the document's layout: 指標名, 基準値 with its year, 実績値 per
 * year, 目標値 with its year — figures stay numbers, shown with their unit and 累計 as printed —
 * then the achievement, the status and its reason, and the effect grade.
 */
import type ExcelJS from 'exceljs';
import { achievementPercent, achievementWords, excelNumberFormat, yearText, type ReportValue } from './figures.ts';
import { addSheet, borderRow, headerRow, statusFill, titleRows } from './excel-style.ts';
import type { KpiReport, KpiReportRow } from './kpi-report.ts';
import type { ReviewResults } from './review-results.ts';
import { fiscalYearLabel } from '../fiscal-year.ts';
import { formatters } from '../i18n/format.ts';

const ja = formatters('ja');

export const GOAL_SHEET_HEADER_ROW = 4;

export function addGoalSheet(workbook: ExcelJS.Workbook, report: KpiReport, goal: KpiReport['goals'][number], results: ReviewResults, subtitle: string) {
  const sheet = addSheet(workbook, `基本目標${goal.number}`, GOAL_SHEET_HEADER_ROW);
  titleRows(sheet, `基本目標${goal.number}\u3000${goal.title}`, subtitle);
  // Narrow enough that A4 landscape, one page wide, stays readable (about 60%): long text wraps.
  const columns = [
    ['区分', 6],
    ['施策', 14],
    ['事業名', 18],
    ['担当課', 12],
    ['指標名', 20],
    ['単位', 5],
    ['累計', 5],
    ['基準値', 10],
    ['基準年度', 9],
    ...report.years.map((y) => [`実績値（${fiscalYearLabel(y).ja}）`, 10] as const),
    ['目標値', 10],
    ['目標年度', 9],
    ['達成率', 7],
    ['判定', 8],
    ['判定の理由', 26],
    ['効果（数値からの示唆）', 10],
    ['効果（評価）', 10],
    ['次の方向性', 9],
  ] as const;
  headerRow(sheet, GOAL_SHEET_HEADER_ROW, columns);
  const words = report.vocabulary;
  goal.rows.forEach((r, i) => {
    const row = sheet.getRow(GOAL_SHEET_HEADER_ROW + 1 + i);
    const assessment = r.projectId ? results.assessments.get(r.projectId) : undefined;
    const cells: ExcelJS.CellValue[] = [
      r.kind === 'numeric_target' ? '数値目標' : 'ＫＰＩ',
      r.measureNumber === null ? '' : `${ja.measure(r.measureNumber)}\u3000${r.measureTitle}`,
      r.projectName ?? '',
      r.departments.join('／'),
      r.name,
      r.unit,
      r.cumulative ? '累計' : '',
      r.baseline?.value ?? '−',
      r.baseline ? yearText(r.baseline) : '',
      ...r.actuals.map((a) => a?.value ?? '−'),
      r.target?.value ?? '−',
      r.target ? yearText(r.target) : '',
      // A number (shown 0.0%) from 0 up; below zero the decline in words, never a negative percentage.
      achievementWords(r.achievement, r.decline) ?? (achievementPercent(r.achievement) === null ? null : achievementPercent(r.achievement)! / 100),
      r.statusLabel,
      r.reason,
      r.suggestedGrade ? words.effectGrades[r.suggestedGrade].ja : '',
      assessment ? words.effectGrades[assessment.effectGrade].ja : '',
      assessment ? words.nextSteps[assessment.nextStep].ja : '',
    ];
    row.values = cells;
    borderRow(row, columns.length);
    const figure = (column: number, v: ReportValue | null) => formatFigure(row.getCell(column), v, r);
    figure(8, r.baseline);
    r.actuals.forEach((a, y) => figure(10 + y, a));
    const after = 10 + r.actuals.length;
    figure(after, r.target);
    row.getCell(after + 2).numFmt = '0.0%';
    row.getCell(after + 3).fill = statusFill(r.status);
  });
}

function formatFigure(cell: ExcelJS.Cell, v: ReportValue | null, r: KpiReportRow) {
  cell.alignment = { horizontal: 'right', vertical: 'top' };
  if (!v) return;
  cell.numFmt = excelNumberFormat(v, r.unit);
  const notes = [v.printed && `原典の表記: ${v.printed}`, v.cancelledReason].filter(Boolean);
  if (notes.length) cell.note = notes.join('\n');
}
