/**
 * The plan workbook's fixed layout: which sheet holds what, in which column, and the words its
 * cells use for the plan file's enumerations. Written by write-plan-workbook.ts and read back by
 * read-plan-workbook.ts, so the two cannot disagree. Described for people in docs/plan-workbook.md.
 */
import { MARKER_LABELS, REVISION_MARKERS } from '../markers.ts';

export const SHEETS = {
  plan: '計画',
  departments: '担当課',
  population: '人口ビジョン',
  goals: '基本目標',
  directions: '基本的方向',
  measures: '施策',
  projects: '事業',
  kpis: 'ＫＰＩ',
  values: '値の詳細',
  revisions: '見直し',
  predecessors: '継続元',
} as const;
export type SheetKey = keyof typeof SHEETS;

/** Row 1 the title, row 2 how to fill the sheet, row 3 the headers, data from row 4. */
export const HEADER_ROW = 3;
export const FIRST_ROW = 4;
/** Rows read per sheet at most: far more than any plan has, and a bound on a hostile workbook. */
export const MAX_ROWS = 5000;

export interface Column {
  key: string;
  header: string;
  width: number;
}
const col = (key: string, header: string, width: number): Column => ({ key, header, width });

/** The 計画 sheet is label / value, one field a row. */
export const PLAN_FIELDS = [
  { key: 'organization.code', label: '団体コード（英小文字）' },
  { key: 'organization.name', label: '団体名' },
  { key: 'organization.nameEn', label: '団体名（英語）' },
  { key: 'plan.code', label: '計画コード（英小文字）' },
  { key: 'plan.name', label: '計画名' },
  { key: 'plan.nameEn', label: '計画名（英語）' },
  { key: 'plan.periodStartFiscalYear', label: '計画期間の初年度（西暦）' },
  { key: 'plan.periodEndFiscalYear', label: '計画期間の最終年度（西暦）' },
  { key: 'plan.source', label: '出典' },
] as const;
export const planFieldRow = (key: (typeof PLAN_FIELDS)[number]['key']) => FIRST_ROW + PLAN_FIELDS.findIndex((f) => f.key === key);
export const PLAN_VALUE_COLUMN = 'B';

export const COLUMNS = {
  departments: [col('code', 'コード（英小文字）', 26), col('name', '課名', 26), col('nameEn', '課名（英語）', 40)],
  population: [
    col('kind', '種類', 16),
    col('label', '名称', 30),
    col('year', '年（西暦）', 10),
    col('month', '月', 6),
    col('value', '人口（人）', 12),
    col('printed', '原典の表記', 16),
    col('note', '注記', 30),
  ],
  goals: [col('number', '番号', 6), col('title', '基本目標', 40), col('situation', '現状と課題', 60), col('approach', '基本目標と施策の基本的方向', 60)],
  directions: [col('goal', '基本目標の番号', 10), col('code', 'コード', 8), col('title', '施策の基本的方向', 50)],
  measures: [
    col('direction', '基本的方向のコード', 10),
    col('number', '施策番号', 8),
    col('title', '施策名', 36),
    col('summary', '施策概要', 60),
    col('audiences', '対象（1行に1つ）', 24),
    col('outcomes', '目標・成果（1行に1つ）', 36),
  ],
  projects: [
    col('measure', '施策番号', 8),
    col('code', '事業コード', 12),
    col('name', '事業名', 32),
    col('description', '事業の内容', 60),
    col('lead', '担当課', 22),
    col('others', '関係課（1行に1つ）', 22),
    col('status', '状態', 8),
  ],
  /** Then one 実績値 column per year of the period, then 目標値 and 目標年度 (kpiColumns). */
  kpis: [
    col('section', '区分', 10),
    col('goal', '基本目標の番号', 8),
    col('project', '事業コード', 12),
    col('code', 'ＫＰＩコード', 14),
    col('name', '指標名', 36),
    col('unit', '単位', 7),
    col('cumulative', '累計', 6),
    col('direction', '望ましい方向', 12),
    col('dataSource', '出典', 20),
    col('note', '注記', 30),
    col('baseline', '基準値', 11),
    col('baselineYear', '基準年度（西暦）', 10),
  ],
  values: [
    col('kpi', 'ＫＰＩコード', 14),
    col('kind', '区分', 8),
    col('fiscalYear', '年度（西暦）', 10),
    col('yearBasis', '年・年度', 8),
    col('value', '値', 11),
    col('cumulative', '累計', 6),
    col('quality', '速報・確報', 9),
    col('cancelled', '中止の理由', 30),
    col('printed', '原典の表記', 20),
    col('note', '注記', 30),
  ],
  revisions: [col('subject', '対象', 8), col('code', '対象の番号・コード', 14), col('marker', '見直しの種類', 14), col('fiscalYear', '年度（西暦）', 10), col('note', '内容', 50)],
  predecessors: [col('subject', '対象', 8), col('code', '対象の番号・コード', 14), col('plan', '前期の計画コード', 20), col('from', '前期の番号・コード', 16)],
} as const satisfies Record<string, readonly Column[]>;

export const columnLetter = (index: number): string => {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

/** The letter of a column of a sheet by its key. */
export function letterOf(sheet: keyof typeof COLUMNS, key: string): string {
  const i = (COLUMNS[sheet] as readonly Column[]).findIndex((c) => c.key === key);
  return columnLetter(i < 0 ? 0 : i);
}

/** The ＫＰＩ sheet's columns for a period: the fixed ones, one 実績値 a year, then the target. */
export function kpiColumns(years: readonly number[]): Column[] {
  return [
    ...COLUMNS.kpis,
    ...years.map((y) => col(`actual:${y}`, `実績値（${y}年度）`, 11)),
    col('target', '目標値', 11),
    col('targetYear', '目標年度（西暦）', 10),
  ];
}
export const ACTUAL_HEADER = /^実績値（(\d{4})年度）$/;

/** The words the cells use for the plan file's enumerations (both ways). */
export const WORDS = {
  section: { numeric_target: '数値目標', kpi: 'ＫＰＩ' },
  cumulative: '累計',
  direction: { higher: '高いほど良い', lower: '低いほど良い', keep: '維持' },
  projectStatus: { active: '実施中', ended: '終了' },
  population: { current: '現在人口', goal: '目標', projection: '推計（社人研）', simulation: 'シミュレーション', outlook: '見通し' },
  valueKind: { baseline: '基準値', actual: '実績値', target: '目標値' },
  yearBasis: { fiscal: '年度', calendar: '暦年' },
  quality: { final: '確報値', provisional: '速報値' },
  subject: { measure: '施策', project: '事業', kpi: 'ＫＰＩ' },
  marker: Object.fromEntries(REVISION_MARKERS.map((m) => [m, MARKER_LABELS[m].ja])) as Record<(typeof REVISION_MARKERS)[number], string>,
  /** A dimensionless figure (the total fertility rate): an empty unit cell is a missing unit. */
  noUnit: 'なし',
} as const;

/** The enumeration value a word stands for, or undefined. */
export function fromWord<K extends string>(words: Record<K, string>, text: string): K | undefined {
  return (Object.keys(words) as K[]).find((k) => words[k] === text);
}
