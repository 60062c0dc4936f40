/**
 * The close-out (総括) as an Excel workbook: the final evaluation of every numeric target and
 * KPI, each project's grades and next steps by year, and the decisions — in words, no codes.
 */
import ExcelJS from 'exceljs';
import { getCloseOut, type CloseOut } from './close-out.ts';
import { addSheet, borderRow, headerRow, statusFill, titleRows } from './excel-style.ts';
import { XLSX_TYPE, type Download } from './export-excel.ts';

export async function closeOutExcel(args: Parameters<typeof getCloseOut>[0]): Promise<Download> {
  const closeOut = await getCloseOut(args);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'cityplan';
  workbook.created = args.ctx.clock.now();
  workbook.title = `${closeOut.plan.name} 総括`;
  const subtitle = `${closeOut.organization.name}\u3000${closeOut.plan.name}（${closeOut.plan.periodLabel}）\u3000判定日 ${closeOut.asOfLabel}`;
  addEvaluationSheet(workbook, closeOut, subtitle);
  addProjectSheet(workbook, closeOut, subtitle);
  addDecisionSheet(workbook, closeOut, subtitle);
  return {
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
    contentType: XLSX_TYPE,
    filename: `${closeOut.plan.name}_総括.xlsx`,
    asciiFilename: `close-out-FY${closeOut.finalYear}.xlsx`,
  };
}

function addEvaluationSheet(workbook: ExcelJS.Workbook, c: CloseOut, subtitle: string) {
  const sheet = addSheet(workbook, '最終評価', 4);
  titleRows(sheet, `${c.plan.name}\u3000最終評価（${c.finalYearLabel}）`, subtitle);
  const columns = [
    ['基本目標', 10], ['区分', 9], ['施策', 24], ['事業名', 26], ['担当課', 16], ['指標名', 30], ['基準値', 14], ['最終実績', 14], ['実績の年度', 11], ['目標値', 14], ['達成率', 9], ['達成', 8], ['判定', 9], ['判定の理由', 50],
  ] as const;
  headerRow(sheet, 4, columns);
  let n = 5;
  for (const g of c.goals) {
    for (const k of [...g.numericTargets, ...g.kpis]) {
      const row = sheet.getRow(n++);
      row.values = [
        `基本目標${g.number}`,
        k.kind === 'numeric_target' ? '数値目標' : 'ＫＰＩ',
        k.measureLabel ?? '',
        k.projectName ?? '',
        k.departments.join('／'),
        k.name,
        k.baseline,
        k.finalActual,
        k.finalActualYear ?? '',
        k.target,
        k.achievementText,
        k.achieved ? '達成' : '未達成',
        k.statusLabel,
        k.reason,
      ];
      borderRow(row, columns.length);
      row.getCell(13).fill = statusFill(k.status);
    }
  }
}

function addProjectSheet(workbook: ExcelJS.Workbook, c: CloseOut, subtitle: string) {
  const sheet = addSheet(workbook, '事業の評価', 4);
  titleRows(sheet, `${c.plan.name}\u3000事業の効果と次の方向性（年度別）`, subtitle);
  const columns = [
    ['施策', 24], ['事業名', 28], ['担当課', 16], ['ＫＰＩ達成', 10],
    ...c.reviewYears.flatMap((y) => [[`効果（${y}）`, 14], [`次の方向性（${y}）`, 14]] as const),
  ] as const;
  headerRow(sheet, 4, columns);
  c.projects.forEach((p, i) => {
    const row = sheet.getRow(5 + i);
    row.values = [p.measureLabel, p.ended ? `${p.name}（取組終了）` : p.name, p.departments.join('／'), `${p.achievedCount}／${p.kpiCount}`, ...p.grades.flatMap((g) => [g.effectGrade ?? '−', g.nextStep ?? '−'])];
    borderRow(row, columns.length);
  });
}

function addDecisionSheet(workbook: ExcelJS.Workbook, c: CloseOut, subtitle: string) {
  const sheet = addSheet(workbook, '決定記録', 4);
  titleRows(sheet, `${c.plan.name}\u3000計画期間中の決定`, subtitle);
  const columns = [['年度', 11], ['区分', 13], ['対象', 8], ['名称', 32], ['出典', 10], ['理由', 50], ['決定者', 12], ['決定日', 18]] as const;
  headerRow(sheet, 4, columns);
  c.decisions.forEach((d, i) => {
    const row = sheet.getRow(5 + i);
    row.values = [d.yearLabel, d.marker, d.subject, d.subjectName, d.source, d.rationale, d.decidedBy, d.decidedOn ?? `${d.yearLabel}（日付の記載なし）`];
    borderRow(row, columns.length);
  });
}
