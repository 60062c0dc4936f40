/**
 * A department's review task as a one-sheet workbook to fill in: the project's KPIs with their
 * baseline, last actual and target, and yellow cells for this year's actuals. The layout is
 * fixed so the upload (upload-task-sheet.ts) can read it back and name any problem by cell.
 */
import ExcelJS from 'exceljs';
import type { ServiceContext } from '../context.ts';
import { fiscalYearLabel } from '../fiscal-year.ts';
import { formatters } from '../i18n/format.ts';
import { getTask } from '../reviews/task-queries.ts';
import { japaneseDay } from './dates.ts';
import { A4_LANDSCAPE, BORDER, INPUT_FILL } from './excel-style.ts';
import type { Download } from './export-excel.ts';
import { XLSX_TYPE } from './export-excel.ts';
import { pickValue, printedText, yearText } from './figures.ts';

const ja = formatters('ja');

export const TASK_SHEET = {
  name: '実績報告',
  taskIdCell: 'K1',
  commentCell: 'B3',
  headerRow: 4,
  firstKpiRow: 5,
  /** More rows than any project has KPIs; the rest of a sheet is not read. */
  maxKpiRows: 100,
  columns: { name: 'A', value: 'B', unit: 'C', cancelledReason: 'D', quality: 'E', note: 'F', cumulative: 'G', baseline: 'H', previous: 'I', target: 'J', kpiId: 'K' },
} as const;

export const QUALITY_WORDS = { final: '確報値', provisional: '速報値' } as const;

export async function downloadTaskSheet({ ctx, input }: { ctx: ServiceContext; input: { taskId: string } }): Promise<Download> {
  const task = await getTask(ctx, input.taskId);
  const fy = task.cycle.fiscalYear;
  const latest = task.submissions[0];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'cityplan';
  workbook.created = ctx.clock.now();
  const sheet = workbook.addWorksheet(TASK_SHEET.name, { pageSetup: { ...A4_LANDSCAPE, printTitlesRow: `${TASK_SHEET.headerRow}:${TASK_SHEET.headerRow}` } });
  const c = TASK_SHEET.columns;

  sheet.getCell('A1').value = `${fiscalYearLabel(fy).ja}\u3000実績報告\u3000${task.project.name}`;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value = `${ja.measure(task.project.measureNumber)}\u3000${task.project.measureTitle}\u3000／\u3000${task.department.name}\u3000／\u3000提出期限 ${japaneseDay(task.dueDate)}`;
  sheet.getCell('A3').value = 'コメント';
  sheet.mergeCells(`${TASK_SHEET.commentCell}:F3`);
  sheet.getCell(TASK_SHEET.commentCell).value = latest?.comment ?? null;
  sheet.getCell(TASK_SHEET.commentCell).fill = INPUT_FILL;
  sheet.getCell(TASK_SHEET.taskIdCell).value = task.id;

  const header: Record<keyof typeof c, [string, number]> = {
    name: ['指標名', 30],
    value: [`実績値（${fiscalYearLabel(fy).ja}）`, 16],
    unit: ['単位', 6],
    cancelledReason: ['中止した場合の理由', 30],
    quality: ['確報値／速報値', 12],
    note: ['備考', 24],
    cumulative: ['累計', 6],
    baseline: ['基準値', 22],
    previous: ['前年度までの実績', 22],
    target: ['目標値', 22],
    kpiId: ['ＫＰＩ番号（変更しないでください）', 38],
  };
  for (const [key, [label, width]] of Object.entries(header) as [keyof typeof c, [string, number]][]) {
    const cell = sheet.getCell(`${c[key]}${TASK_SHEET.headerRow}`);
    cell.value = label;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.border = BORDER;
    sheet.getColumn(c[key]).width = width;
  }

  task.kpis.forEach((kpi, i) => {
    const r = TASK_SHEET.firstKpiRow + i;
    const values = kpi.values as Parameters<typeof pickValue>[0];
    const entered = latest?.values?.find((v) => v.kpiId === kpi.id);
    const previous = pickValue(values.filter((v) => v.fiscalYear < fy), 'actual');
    const withYear = (v: ReturnType<typeof pickValue>) => (v ? `${printedText(v, kpi.unit)}（${yearText(v)}）` : '−');
    const set = (column: keyof typeof c, value: ExcelJS.CellValue) => {
      const cell = sheet.getCell(`${c[column]}${r}`);
      cell.value = value;
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: true };
      return cell;
    };
    set('name', kpi.name);
    set('value', entered?.cancelledReason ? null : (entered?.value ?? null)).fill = INPUT_FILL;
    set('unit', kpi.unit);
    set('cancelledReason', entered?.cancelledReason ?? null).fill = INPUT_FILL;
    const quality = set('quality', QUALITY_WORDS[(entered?.quality as 'final' | 'provisional' | undefined) ?? 'final']);
    quality.fill = INPUT_FILL;
    quality.dataValidation = { type: 'list', allowBlank: true, formulae: [`"${QUALITY_WORDS.final},${QUALITY_WORDS.provisional}"`] };
    set('note', entered?.note ?? null).fill = INPUT_FILL;
    set('cumulative', kpi.cumulative ? '累計' : '');
    set('baseline', withYear(pickValue(values, 'baseline')));
    set('previous', withYear(previous));
    set('target', withYear(pickValue(values, 'target')));
    set('kpiId', kpi.id);
  });

  const notes = TASK_SHEET.firstKpiRow + task.kpis.length + 1;
  sheet.getCell(`A${notes}`).value = '黄色のセルに入力し、このファイルのままアップロードしてください。累計の指標は計画期間の累計を入力します。';
  sheet.getCell(`A${notes + 1}`).value = '事業を中止した場合は実績値を空欄にして理由を記入してください。行や列を移動・削除しないでください。';

  return {
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
    contentType: XLSX_TYPE,
    filename: `${fiscalYearLabel(fy).ja}_実績報告_${task.project.name}_${task.department.name}.xlsx`,
    asciiFilename: `task-${task.project.code}-FY${fy}.xlsx`,
  };
}
