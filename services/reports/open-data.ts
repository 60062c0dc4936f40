/**
 * The published figures as open data: a JSON document with one record per numeric target and
 * KPI (English keys, described in Japanese in `fields`), and the same records as CSV. Only a
 * publication is exported, never live figures.
 */
import { csvText, encodeCsv, type CsvEncoding } from './csv.ts';
import type { Download } from './export-excel.ts';
import type { PublicKpi } from './progress-snapshot.ts';
import { BELOW_BASELINE } from './figures.ts';
import { shownPercent, type PublishedProgress } from './public-progress.ts';

export const OPEN_DATA_FORMAT = 'cityplan/open-data-progress';

const FIELDS = [
  ['goalNumber', '基本目標'],
  ['goalTitle', '基本目標名'],
  ['kind', '区分', 'numeric_target: 数値目標 / kpi: ＫＰＩ'],
  ['measureNumber', '施策番号'],
  ['measureTitle', '施策名'],
  ['projectName', '事業名'],
  ['code', '指標コード'],
  ['name', '指標名'],
  ['unit', '単位'],
  ['cumulative', '累計', 'TRUE: 実績値・目標値は計画期間の累計'],
  ['baselineFiscalYear', '基準年度'],
  ['baselineValue', '基準値'],
  ['actualFiscalYear', '実績年度'],
  ['actualValue', '実績値'],
  ['targetFiscalYear', '目標年度'],
  ['targetValue', '目標値'],
  ['achievementPercent', '達成率（%）', '目標までの進み具合。小数第1位未満は切り捨て。基準値から後退した場合は空欄で、achievementNote に言葉で記載'],
  ['achievementNote', '達成率の注記', '達成率が計算上マイナスとなる場合の説明（例: 基準値から減少）'],
  ['status', '判定コード', 'achieved 達成 / on_track 順調 / at_risk 要注意 / off_track 遅れ / cancelled 中止 / awaiting_data 判定保留 / no_data データなし / not_assessed 評価対象外'],
  ['statusLabel', '判定'],
  ['note', '備考'],
] as const satisfies readonly (readonly [string, string, string?])[];

type FieldKey = (typeof FIELDS)[number][0];
type OpenDataRecord = Record<FieldKey, string | number | boolean | null>;

export function openDataRecords(progress: PublishedProgress): OpenDataRecord[] {
  const record = (goal: { number: number; title: string }, measure: { number: number; title: string } | null, k: PublicKpi): OpenDataRecord => ({
    goalNumber: goal.number,
    goalTitle: goal.title,
    kind: k.kind,
    measureNumber: measure?.number ?? null,
    measureTitle: measure?.title ?? null,
    projectName: k.projectName,
    code: k.code,
    name: k.name,
    unit: k.unit,
    cumulative: k.cumulative,
    baselineFiscalYear: k.baseline?.fiscalYear ?? null,
    baselineValue: k.baseline?.value ?? null,
    actualFiscalYear: k.actual?.fiscalYear ?? null,
    actualValue: k.actual?.value ?? null,
    targetFiscalYear: k.target?.fiscalYear ?? null,
    targetValue: k.target?.value ?? null,
    // Never a negative percentage, even from a snapshot published before this rule.
    achievementPercent: shownPercent(k),
    achievementNote: k.achievementPercent !== null && k.achievementPercent < 0 ? BELOW_BASELINE : k.achievementText && !k.achievementText.endsWith('%') && k.achievementText !== '−' ? k.achievementText : null,
    status: k.status,
    statusLabel: k.statusLabel,
    note: k.note,
  });
  return progress.snapshot.goals.flatMap((g) => [...g.numericTargets.map((k) => record(g, null, k)), ...g.measures.flatMap((m) => m.kpis.map((k) => record(g, m, k)))]);
}

export function openDataJson(progress: PublishedProgress) {
  const { snapshot: s, publication: p } = progress;
  return {
    format: OPEN_DATA_FORMAT,
    formatVersion: 1,
    organization: s.organization.name,
    plan: { code: s.plan.code, name: s.plan.name, periodStartFiscalYear: s.plan.periodStartFiscalYear, periodEndFiscalYear: s.plan.periodEndFiscalYear },
    fiscalYear: s.fiscalYear,
    fiscalYearLabel: s.fiscalYearLabel,
    assessedOn: s.assessedOn,
    publishedAt: p.publishedAt.toISOString(),
    publicationVersion: p.version,
    fields: FIELDS.map(([key, header, description]) => ({ key, header, description: description ?? header })),
    records: openDataRecords(progress),
  };
}

export function openDataCsv(progress: PublishedProgress, encoding: CsvEncoding = 'utf-8'): Download {
  const rows = openDataRecords(progress).map((r) => FIELDS.map(([key]) => r[key]));
  const { body, contentType } = encodeCsv(csvText([FIELDS.map(([, ja]) => ja), ...rows]), encoding);
  const { snapshot: s } = progress;
  return { body, contentType, filename: `${s.plan.name}_進捗_${s.fiscalYearLabel}.csv`, asciiFilename: `${s.plan.code}-progress-FY${s.fiscalYear}.csv` };
}
