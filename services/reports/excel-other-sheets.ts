/** The export's other sheets: an overview by goal, the decision log, and each department's tasks. */
import type ExcelJS from 'exceljs';
import type { listDecisions } from '../decisions/list-decisions.ts';
import { fiscalYearLabel } from '../fiscal-year.ts';
import { formatters } from '../i18n/format.ts';
import { translator } from '../i18n/translate.ts';
import { MARKER_LABELS } from '../plans/markers.ts';
import type { listPlanDepartments } from '../plans/queries.ts';
import { ORIENT_STATUSES, STATUS_LABELS } from '../orient/statuses.ts';
import { addSheet, borderRow, headerRow, titleRows } from './excel-style.ts';
import { excelNumberFormat } from './figures.ts';
import type { KpiReport } from './kpi-report.ts';
import type { ReviewResults } from './review-results.ts';
import { japaneseDay } from './dates.ts';
import { changeLines, type NameOf } from '../decisions/describe-changes.ts';

type Decision = Awaited<ReturnType<typeof listDecisions>>['items'][number];
type Department = Awaited<ReturnType<typeof listPlanDepartments>>[number];

const t = translator('ja');
const ja = formatters('ja');

export function addOverviewSheet(workbook: ExcelJS.Workbook, report: KpiReport, subtitle: string) {
  const sheet = addSheet(workbook, '概要', 4);
  titleRows(sheet, `${report.plan.name}\u3000ＫＰＩ達成状況（${report.fiscalYearLabel}）`, subtitle);
  const columns = [['基本目標', 50], ['指標数', 8], ...ORIENT_STATUSES.map((s) => [STATUS_LABELS[s].ja, 9] as const), ['平均達成率', 11]] as const;
  headerRow(sheet, 4, columns);
  const lines = [
    ...report.goals.map((g) => ({ label: `基本目標${g.number}\u3000${g.title}`, summary: g.summary })),
    { label: '合計（ＫＰＩ）', summary: report.summary },
  ];
  lines.forEach((line, i) => {
    const row = sheet.getRow(5 + i);
    row.values = [line.label, line.summary.total, ...ORIENT_STATUSES.map((s) => line.summary.counts[s]), line.summary.meanAchievement];
    row.getCell(columns.length).numFmt = '0.0%';
    borderRow(row, columns.length);
  });
}

export function addDecisionSheet(workbook: ExcelJS.Workbook, decisions: Decision[], nameOf: NameOf, subtitle: string) {
  const sheet = addSheet(workbook, '決定記録', 4);
  titleRows(sheet, '決定記録（見直しの履歴）', subtitle);
  const columns = [
    ['番号', 7], ['年度', 11], ['区分', 13], ['対象', 10], ['名称', 30], ['出典', 12], ['理由', 40], ['決定者', 12], ['決定日時', 17], ['変更の内容（変更前 → 変更後）', 50],
  ] as const;
  headerRow(sheet, 4, columns);
  const subject = { measure: '施策', project: '事業', kpi: '指標', publication: '市民向け公開ページ' } as const;
  decisions.forEach((d, i) => {
    const row = sheet.getRow(5 + i);
    row.values = [
      d.id,
      fiscalYearLabel(d.fiscalYear).ja,
      MARKER_LABELS[d.marker].ja,
      subject[d.subjectType],
      d.subjectType === 'publication' ? fiscalYearLabel(d.fiscalYear).ja : (d.subjectName ?? ''),
      d.source === 'document' ? '計画書' : '効果検証',
      d.rationale ?? '',
      d.decidedByName ?? '',
      ja.decidedOn(d.decidedAt, d.fiscalYear),
      changeLines(d.before, d.after, 'ja', nameOf).join('\n'),
    ];
    borderRow(row, columns.length);
  });
}

export function addDepartmentSheet(workbook: ExcelJS.Workbook, report: KpiReport, department: Department, results: ReviewResults) {
  const sheet = addSheet(workbook, department.name, 4);
  titleRows(sheet, `${department.name}\u3000${report.fiscalYearLabel}の実績報告`, `${report.plan.name}\u3000担当する事業とＫＰＩ、課題の状況`);
  const columns = [
    ['施策', 24], ['事業名', 28], ['担当', 6], ['指標名', 30], ['単位', 6], ['課題の状況', 10], ['提出期限', 11], ['提出値', 14], [`実績値（${report.fiscalYearLabel}）`, 14], ['判定', 9],
  ] as const;
  headerRow(sheet, 4, columns);
  const rows = report.goals.flatMap((g) => g.rows);
  const yearIndex = report.years.indexOf(report.fiscalYear);
  let n = 5;
  for (const project of department.projects) {
    const task = results.tasks.find((t) => t.projectId === project.id && t.departmentId === department.id);
    for (const r of rows.filter((x) => x.projectId === project.id)) {
      const submitted = task?.latest?.values.find((v) => v.kpiId === r.kpiId);
      const actual = yearIndex >= 0 ? r.actuals[yearIndex] ?? null : null;
      const row = sheet.getRow(n++);
      row.values = [
        r.measureNumber === null ? '' : `${ja.measure(r.measureNumber)}\u3000${r.measureTitle}`,
        r.projectName ?? '',
        project.lead ? '主' : '共',
        r.name,
        r.unit,
        task ? t(`taskStatuses.${task.status}`) : results.cycles.length ? '課題なし' : '未開始',
        task?.dueDate ? japaneseDay(task.dueDate) : '',
        submitted ? (submitted.cancelledReason ? `中止: ${submitted.cancelledReason}` : (submitted.value ?? '')) : '',
        actual?.value ?? '−',
        r.statusLabel,
      ];
      if (actual) row.getCell(9).numFmt = excelNumberFormat(actual, r.unit);
      borderRow(row, columns.length);
    }
  }
}
