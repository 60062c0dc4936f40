/**
 * A plan file as an Excel workbook a city can fill in: the plan, its departments, the population
 * vision, the tree sheet by sheet, and the ＫＰＩ sheet in the document's layout (基準値・実績値
 * by year・目標値). A figure the table cannot hold as printed (a calendar year, a 速報値, a
 * cancelled year, a printed text, a note, a second target) goes to 値の詳細, so the workbook
 * holds everything the plan file does and reads back to the same file.
 */
import ExcelJS from 'exceljs';
import { addSheet, borderRow, headerRow, INPUT_FILL, titleRows } from '../../reports/excel-style.ts';
import type { PlanFile, PlanFileKpi, PlanFileKpiValue, PlanFileRevision } from '../plan-file.ts';
import { normalizePlanFile } from '../normalize-plan-file.ts';
import { COLUMNS, FIRST_ROW, HEADER_ROW, kpiColumns, PLAN_FIELDS, WORDS, type Column } from './layout.ts';

const HELP = {
  plan: '計画の名称と期間です。年度は西暦の数字で入力してください（例: 2020）。',
  departments: '事業を担当する課です。「事業」シートの担当課・関係課には、ここの課名（またはコード）を入力します。',
  population: '人口ビジョンの数値です。種類は「現在人口」「目標」「推計（社人研）」「シミュレーション」「見通し」のいずれかです。',
  goals: '基本目標です。番号は 1 から順に入力してください。',
  directions: '施策の基本的方向です。コードは基本目標の番号で始めます（例: 1-1）。',
  measures: '施策です。施策番号は計画の中で一意にしてください。',
  projects: '事業です。担当課は1つ、関係課は1行に1つ入力します。状態は「実施中」か「終了」です。',
  kpis: '数値目標とＫＰＩです。単位のない指標（合計特殊出生率など）は単位に「なし」と入力します。累計の指標は「累計」と入力します。',
  values: '表に書ききれない値（暦年の値、速報値、中止の年、原典の表記や注記のある値、2つ目の目標値など）です。',
  revisions: '中間見直しなどで決まった変更です（新規施策・新規事業・事業内容変更・取組終了・数値目標変更・ＫＰＩ変更・目標値変更）。',
  predecessors: '前期の計画から継続している施策・事業・ＫＰＩです。前期の計画コードと、前期での施策番号・事業コード・ＫＰＩコードを入力します。',
};

export function writePlanWorkbook(input: PlanFile): ExcelJS.Workbook {
  const file = normalizePlanFile(input);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'cityplan';
  workbook.title = file.plan.name;
  const title = `${file.organization.name}\u3000${file.plan.name}`;

  const planSheet = addSheet(workbook, '計画', HEADER_ROW);
  titleRows(planSheet, `${title}\u3000計画`, HELP.plan);
  headerRow(planSheet, HEADER_ROW, [['項目', 30], ['内容', 60]]);
  const planValues: Record<string, unknown> = {
    'organization.code': file.organization.code,
    'organization.name': file.organization.name,
    'organization.nameEn': file.organization.nameEn,
    ...Object.fromEntries(Object.entries(file.plan).map(([k, v]) => [`plan.${k}`, v])),
  };
  PLAN_FIELDS.forEach((f, i) => fill(planSheet.getRow(FIRST_ROW + i), [f.label, planValues[f.key] ?? null], 2, [1]));

  const departmentRef = departmentReference(file);
  const table = (name: string, help: string, columns: readonly Column[], rows: unknown[][]) => {
    const sheet = addSheet(workbook, name, HEADER_ROW);
    titleRows(sheet, `${title}\u3000${name}`, help);
    headerRow(sheet, HEADER_ROW, columns.map((c) => [c.header, c.width] as const));
    rows.forEach((values, i) => fill(sheet.getRow(FIRST_ROW + i), values, columns.length));
    return sheet;
  };

  table('担当課', HELP.departments, COLUMNS.departments, file.departments.map((d) => [d.code, d.name, d.nameEn]));
  table(
    '人口ビジョン',
    HELP.population,
    COLUMNS.population,
    file.populationVision.map((f) => [WORDS.population[f.kind], f.label, f.year, f.month, f.value, f.printed, f.note]),
  );
  table('基本目標', HELP.goals, COLUMNS.goals, file.goals.map((g) => [g.number, g.title, g.situation, g.approach]));
  const directions = file.goals.flatMap((g) => g.directions.map((d) => ({ goal: g, direction: d })));
  table('基本的方向', HELP.directions, COLUMNS.directions, directions.map(({ goal, direction }) => [goal.number, direction.code, direction.title]));
  const measures = directions.flatMap(({ direction }) => direction.measures.map((m) => ({ direction, measure: m })));
  table(
    '施策',
    HELP.measures,
    COLUMNS.measures,
    measures.map(({ direction, measure: m }) => [direction.code, m.number, m.title, m.summary, lines(m.audiences), lines(m.outcomes)]),
  );
  const projects = measures.flatMap(({ measure }) => measure.projects.map((p) => ({ measure, project: p })));
  table(
    '事業',
    HELP.projects,
    COLUMNS.projects,
    projects.map(({ measure, project: p }) => [
      measure.number,
      p.code,
      p.name,
      p.description,
      departmentRef(p.departments[0]!),
      lines(p.departments.slice(1).map(departmentRef)),
      WORDS.projectStatus[p.status ?? 'active'],
    ]),
  );

  const years: number[] = [];
  for (let y = file.plan.periodStartFiscalYear; y <= file.plan.periodEndFiscalYear && years.length < 50; y++) years.push(y);
  const kpiRows: unknown[][] = [];
  const details: unknown[][] = [];
  const revisions: unknown[][] = [];
  const predecessors: unknown[][] = [];
  const addKpi = (kpi: PlanFileKpi, section: 'numeric_target' | 'kpi', goal: number | null, project: string | null) => {
    const placed = placeValues(kpi, years);
    kpiRows.push([
      WORDS.section[section],
      goal,
      project,
      kpi.code,
      kpi.name,
      kpi.unit === '' ? WORDS.noUnit : kpi.unit,
      kpi.cumulative ? WORDS.cumulative : null,
      WORDS.direction[kpi.direction],
      kpi.dataSource?.name,
      kpi.note,
      placed.baseline?.value,
      placed.baseline?.fiscalYear,
      ...years.map((y) => placed.actuals.get(y)?.value),
      placed.target?.value,
      placed.target?.fiscalYear,
    ]);
    for (const v of placed.rest) {
      details.push([
        kpi.code,
        WORDS.valueKind[v.kind],
        v.fiscalYear,
        WORDS.yearBasis[v.yearBasis ?? 'fiscal'],
        v.value,
        v.cumulative ? WORDS.cumulative : null,
        WORDS.quality[v.quality ?? 'final'],
        v.cancelled?.reason,
        v.printed,
        v.note,
      ]);
    }
    revisions.push(...revisionRows('kpi', kpi.code, kpi.revisions));
    if (kpi.predecessor) predecessors.push([WORDS.subject.kpi, kpi.code, kpi.predecessor.plan, kpi.predecessor.code]);
  };
  for (const goal of file.goals) goal.numericTargets.forEach((k) => addKpi(k, 'numeric_target', goal.number, null));
  for (const { measure } of measures) {
    revisions.push(...revisionRows('measure', measure.number, measure.revisions));
    if (measure.predecessor) predecessors.push([WORDS.subject.measure, measure.number, measure.predecessor.plan, measure.predecessor.number]);
  }
  for (const { project } of projects) {
    if (project.predecessor) predecessors.push([WORDS.subject.project, project.code, project.predecessor.plan, project.predecessor.code]);
    project.kpis.forEach((k) => addKpi(k, 'kpi', null, project.code));
    revisions.push(...revisionRows('project', project.code, project.revisions));
  }
  const columns = kpiColumns(years);
  const kpiSheet = table('ＫＰＩ', HELP.kpis, columns, kpiRows);
  // The figure cells are where a city types: marked as input cells, numbers kept as numbers.
  kpiRows.forEach((_, i) => {
    for (let c = COLUMNS.kpis.length - 1; c <= columns.length; c++) kpiSheet.getRow(FIRST_ROW + i).getCell(c).fill = INPUT_FILL;
  });
  table('値の詳細', HELP.values, COLUMNS.values, details);
  table('見直し', HELP.revisions, COLUMNS.revisions, revisions);
  table('継続元', HELP.predecessors, COLUMNS.predecessors, predecessors);
  return workbook;
}

/**
 * Which of a KPI's values the table holds: the first plain baseline, a plain actual per period
 * year and the first plain target; "plain" is a fiscal-year 確報値 with nothing more to say and
 * 累計 as the KPI is (a baseline is one year's figure). Everything else is listed in 値の詳細.
 */
export function placeValues(kpi: PlanFileKpi, years: readonly number[]) {
  const plain = (v: PlanFileKpiValue) =>
    (v.yearBasis ?? 'fiscal') === 'fiscal' &&
    (v.quality ?? 'final') === 'final' &&
    !v.cancelled &&
    v.printed === undefined &&
    v.note === undefined &&
    (v.cumulative ?? false) === (v.kind === 'baseline' ? false : kpi.cumulative);
  let baseline: PlanFileKpiValue | undefined;
  let target: PlanFileKpiValue | undefined;
  const actuals = new Map<number, PlanFileKpiValue>();
  const rest: PlanFileKpiValue[] = [];
  for (const v of kpi.values) {
    if (plain(v) && v.kind === 'baseline' && !baseline) baseline = v;
    else if (plain(v) && v.kind === 'target' && !target) target = v;
    else if (plain(v) && v.kind === 'actual' && years.includes(v.fiscalYear) && !actuals.has(v.fiscalYear)) actuals.set(v.fiscalYear, v);
    else rest.push(v);
  }
  return { baseline, target, actuals, rest };
}

function revisionRows(subject: keyof typeof WORDS.subject, code: string | number, list: PlanFileRevision[] | undefined): unknown[][] {
  return (list ?? []).map((r) => [WORDS.subject[subject], code, WORDS.marker[r.marker], r.fiscalYear, r.note]);
}

/** Departments are named by 課名 when the name is unique, else by code. */
function departmentReference(file: PlanFile) {
  const names = new Map<string, number>();
  for (const d of file.departments) names.set(d.name, (names.get(d.name) ?? 0) + 1);
  const byCode = new Map(file.departments.map((d) => [d.code, d]));
  return (code: string) => {
    const d = byCode.get(code);
    return d && names.get(d.name) === 1 && !byCode.has(d.name) ? d.name : code;
  };
}

const lines = (list: readonly string[] | undefined) => (list && list.length ? list.join('\n') : null);

function fill(row: ExcelJS.Row, values: unknown[], columns: number, bold: number[] = []) {
  values.forEach((v, i) => {
    const cell = row.getCell(i + 1);
    cell.value = v === undefined || v === null ? null : (v as ExcelJS.CellValue);
    // Text that looks like a number (a code "01") stays text.
    if (typeof v === 'string') cell.numFmt = '@';
    if (bold.includes(i + 1)) cell.font = { bold: true };
  });
  borderRow(row, columns);
}
