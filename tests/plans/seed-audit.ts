/**
 * The seed audit: every flag and value of a plan file traced to the city's printed document,
 * read as docs/plan-data-provenance.md says. Returns one line per value that cannot be traced.
 */
import type { PlanFile, PlanFileKpi } from '../../services/plans/plan-file.ts';

/** Full-width digits, letters and brackets to half-width (NFKC), no spaces: the PDF's text splits tables anywhere. */
export const normalize = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

/** The document likewise, but keeping line breaks, so that two figures on consecutive lines never run together. */
const normalizeDocument = (text: string) =>
  text
    .normalize('NFKC')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ''))
    .filter(Boolean)
    .join('\n');

/** A name as it may stand in the document: split across lines anywhere. */
const namePattern = (name: string) => new RegExp([...name].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\n?'), 'g');

// Longest first, so 人泊 is not read as 人.
const UNITS = ['人泊', '千円', '千t', '千人', '万人', '団体', '施設', '事業', '時間', 'か所', '路線', '%', '件', '社', '組', '本', '式', '回', '基', '泊', '人', '点'];
const unitPattern = UNITS.map((u) => u.replace(/[.*+?^${}()|[\]\\%]/g, '\\$&')).join('|');
// One printed cell: 累計? then − or a number, then a unit and a bracketed remark such as (6隊).
const CELL = new RegExp(`^(累計)?(?:(−|-)|([0-9][0-9,]*(?:\\.[0-9]+)?)(${unitPattern})?(\\([^)]*\\))?)`);
// What may stand between a KPI's name and its figures: a footnote mark and the revision marker printed on the row.
const BETWEEN = /^(※|数値目標変更|KPI変更|\n)+/;

export interface PrintedCell {
  cumulative: boolean;
  value: number | null;
  unit: string;
  text: string;
}

/** The three cells printed after a KPI's name: 基準値, 実績値 (令和3年度), 目標値. Null when the text there is not a row. */
export function readRow(doc: string, at: number): PrintedCell[] | null {
  let rest = doc.slice(at).replace(BETWEEN, '');
  const cells: PrintedCell[] = [];
  for (let i = 0; i < 3; i++) {
    const m = CELL.exec(rest);
    if (!m || !m[0]) return null;
    cells.push({ cumulative: m[1] === '累計', value: m[2] ? null : Number(m[3]!.replace(/,/g, '')), unit: m[4] ?? '', text: m[0] });
    rest = rest.slice(m[0].length).replace(/^\n+/, '');
  }
  return cells;
}

/** The years of the table header nearest before a row: 基準値（平成30年度）, 目標値（令和6年）… */
function headerYears(doc: string, at: number) {
  const start = doc.lastIndexOf('基準値(', at);
  const header = doc.slice(start, start + 80);
  const year = (label: string) => {
    const m = new RegExp(`${label}\\((平成|令和)([0-9]+)年(度)?\\)`).exec(header);
    if (!m) return null;
    return { fiscalYear: (m[1] === '平成' ? 1988 : 2018) + Number(m[2]), basis: m[3] ? 'fiscal' : 'calendar' };
  };
  return { baseline: year('基準値'), actual: year('実績値'), target: year('目標値') };
}

const kpisOf = (plan: PlanFile): PlanFileKpi[] =>
  plan.goals.flatMap((g) => [...g.numericTargets, ...g.directions.flatMap((d) => d.measures.flatMap((m) => m.projects.flatMap((p) => p.kpis)))]);

/** Every value of the plan that the document does not print as the plan says. Empty when all is traceable. */
export function auditPlan(plan: PlanFile, documentText: string): string[] {
  const doc = normalizeDocument(documentText);
  const flat = normalize(documentText);
  const problems: string[] = [];
  let cursor = 0;
  const lagFields = JSON.stringify(plan).match(/"(publishedMonthsAfterYearEnd|dataSourceLagMonths|publicationLag)[^"]*"/g);
  if (lagFields) problems.push(`the plan carries a publication lag (${[...new Set(lagFields)].join(', ')}): the document prints none; it is the city's setting`);

  for (const kpi of kpisOf(plan)) {
    const where = `${kpi.code} ${kpi.name}`;
    const name = normalize(kpi.name);
    // The KPIs stand in the plan in the document's order: the row is the first occurrence of the
    // name, from the previous KPI's row on, that is followed by three printed cells.
    const pattern = namePattern(name);
    pattern.lastIndex = cursor;
    let row: PrintedCell[] | null = null;
    let at = -1;
    let nameEnd = 0;
    for (let m = pattern.exec(doc); m; m = pattern.exec(doc)) {
      row = readRow(doc, m.index + m[0].length);
      if (row) {
        at = m.index;
        nameEnd = m.index + m[0].length;
        break;
      }
      pattern.lastIndex = m.index + 1;
    }
    if (at < 0 || !row) {
      problems.push(`${where}: no printed row with this name after the previous KPI`);
      continue;
    }
    const rowEnd = nameEnd + row.map((c) => c.text).join('').length;
    cursor = rowEnd;
    const years = headerYears(doc, at);
    const slots = { baseline: 0, actual: 1, target: 2 } as const;
    const printedCumulative = row.some((c) => c.cumulative);

    // 累計 only where the document prints it; a 「5年間累計」 in the name is a rolling total, a level.
    if (kpi.cumulative !== printedCumulative) problems.push(`${where}: cumulative is ${kpi.cumulative}, but the row prints 累計 ${printedCumulative ? 'on its figures' : 'on none of its figures'}`);
    if (kpi.cumulative && /[0-9]+年間累計/.test(name)) problems.push(`${where}: a rolling 「年間累計」 total is a level, not a running total from the plan's start`);

    for (const [kind, slot] of Object.entries(slots) as [keyof typeof slots, number][]) {
      const cell = row[slot]!;
      const values = kpi.values.filter((v) => v.kind === kind);
      if (cell.value === null) {
        if (values.length) problems.push(`${where}: a ${kind} of ${values.map((v) => v.value).join(', ')}, but the document prints −`);
        continue;
      }
      if (values.length !== 1) {
        problems.push(`${where}: the document prints a ${kind} of ${cell.text}, the plan has ${values.length}`);
        continue;
      }
      const v = values[0]!;
      const year = years[kind];
      if (v.value !== cell.value) problems.push(`${where}: ${kind} ${v.value}, printed ${cell.text}`);
      if ((v.cumulative ?? false) !== cell.cumulative) problems.push(`${where}: ${kind} cumulative is ${v.cumulative ?? false}, printed ${cell.text}`);
      if (!year) problems.push(`${where}: no table header gives the ${kind}'s year`);
      else {
        if (v.fiscalYear !== year.fiscalYear) problems.push(`${where}: ${kind} year ${v.fiscalYear}, the header prints ${year.fiscalYear}`);
        if ((v.yearBasis ?? 'fiscal') !== year.basis) problems.push(`${where}: ${kind} year basis ${v.yearBasis ?? 'fiscal'}, the header prints a ${year.basis} year`);
      }
      if (v.printed && normalize(v.printed) !== cell.text.replace(/^累計/, '')) problems.push(`${where}: printed text ${v.printed}, the row prints ${cell.text}`);
      if (v.cancelled) {
        // The footnote stands under the table, after the row: quoted as it is printed.
        const notes = doc.slice(rowEnd, rowEnd + 400).replace(/\n/g, '');
        if (!notes.includes(normalize(v.cancelled.reason))) problems.push(`${where}: cancellation reason 「${v.cancelled.reason}」 is not the footnote printed under the row`);
        if (v.value !== 0) problems.push(`${where}: cancelled with a value of ${v.value}`);
      }
    }
    // The unit: printed after each number; a 5-point score (【５段階評価】) and a rate such as 合計特殊出生率 print none.
    for (const cell of row.filter((c) => c.value !== null)) {
      const printedUnit = cell.unit;
      const unit = normalize(kpi.unit);
      const ok = printedUnit === unit || (printedUnit === '' && (unit === '' || (unit === '点' && name.includes('5段階評価'))));
      if (!ok) problems.push(`${where}: unit ${kpi.unit || '(none)'}, printed ${cell.text}`);
    }
    // Direction: higher unless the document says to reduce it (解消) and the target is below the baseline.
    if (kpi.direction !== 'higher') {
      const base = row[0]!.value;
      const target = row[2]!.value;
      const stem = name.replace(/数$/, '');
      const reduce = kpi.direction === 'lower' && base !== null && target !== null && target < base && new RegExp(`${stem}の(解消|削減|減少)`).test(flat);
      if (!reduce) problems.push(`${where}: direction ${kpi.direction} is not what the document prints`);
    }
    if (kpi.dataSource && !doc.slice(Math.max(0, at - 300), rowEnd + 300).replace(/\n/g, '').includes(normalize(kpi.dataSource.name))) {
      problems.push(`${where}: data source 「${kpi.dataSource.name}」 is not printed beside the KPI`);
    }
    if (kpi.note && !flat.includes(normalize(kpi.note))) problems.push(`${where}: note 「${kpi.note}」 is not printed`);
  }

  // Revisions: the document made them in its mid-term review, which it dates 令和4年度 (FY2022) and no more precisely.
  const revisionYear = /令和4年度に総合戦略の中間見直しを実施/.test(flat) ? 2022 : null;
  if (revisionYear === null) problems.push('the document no longer says when its mid-term revision was made');
  const revisions = [
    ...plan.goals.flatMap((g) => g.directions.flatMap((d) => d.measures.flatMap((m) => [...(m.revisions ?? []), ...m.projects.flatMap((p) => p.revisions ?? [])]))),
    ...kpisOf(plan).flatMap((k) => k.revisions ?? []),
  ];
  for (const r of revisions) if (r.fiscalYear !== revisionYear) problems.push(`revision ${r.marker} dated FY${r.fiscalYear}, the document made it in FY${revisionYear}`);
  return problems;
}
