/**
 * A KPI's figures as the document prints them: 「9人」「累計 7人」「45.5%」, the year as
 * 平成30年度 (or 平成30年 for a calendar-year figure), and the same as an Excel number format
 * so a spreadsheet cell stays a number while it reads like the printed table.
 */
import { fiscalYearLabel } from '../fiscal-year.ts';
import { formatValue, GENERIC_DECLINE } from '../orient/format.ts';
import type { KpiValueRow } from '../plans/load-plan-tree.ts';
import { unitOf } from '../plans/units.ts';

export interface ReportValue {
  fiscalYear: number;
  yearBasis: 'fiscal' | 'calendar';
  value: number;
  cumulative: boolean;
  quality: 'provisional' | 'final';
  cancelledReason: string | null;
  /** The printed text when it says more than value and unit, e.g. 100％（6隊）. */
  printed: string | null;
}

type ValueRow = Pick<KpiValueRow, 'kind' | 'fiscalYear' | 'yearBasis' | 'value' | 'cumulative' | 'quality' | 'cancelledReason' | 'printed'>;

/**
 * The value of a kind: of the given year, or of the latest year (baseline, final target). A
 * final figure (確報値) wins over a provisional one, as in the Orient engine.
 */
export function pickValue(values: readonly ValueRow[], kind: ValueRow['kind'], fiscalYear?: number): ReportValue | null {
  const rows = values.filter((v) => v.kind === kind && (fiscalYear === undefined || v.fiscalYear === fiscalYear));
  if (!rows.length) return null;
  const year = Math.max(...rows.map((r) => r.fiscalYear));
  const ofYear = rows.filter((r) => r.fiscalYear === year);
  const row = ofYear.find((r) => r.quality === 'final') ?? ofYear[0]!;
  return {
    fiscalYear: row.fiscalYear,
    yearBasis: row.yearBasis,
    value: row.value,
    cumulative: row.cumulative,
    quality: row.quality,
    cancelledReason: row.cancelledReason,
    printed: row.printed,
  };
}

/** 令和3年度, or 平成30年 for a calendar-year figure. */
export const yearText = (v: Pick<ReportValue, 'fiscalYear' | 'yearBasis'>) => fiscalYearLabel(v.fiscalYear, v.yearBasis).ja;

/** 「累計 7人」「45.5%」「100％（6隊）」; 「−」 when there is no value, as printed. */
export function printedText(v: ReportValue | null, unit: string): string {
  if (!v) return '−';
  if (v.printed) return v.printed;
  const text = `${v.cumulative ? '累計 ' : ''}${formatValue(v.value, unit, 'ja')}`;
  // As the document prints it: the figure with ※, its footnote beside it (not 「中止」, which not every footnote says).
  if (v.cancelledReason) return `${text}※`;
  return v.quality === 'provisional' ? `${text}（速報値）` : text;
}

/** An Excel number format showing the unit and 累計 around the number: `"累計 "#,##0"人"`. */
export function excelNumberFormat(v: ReportValue, unit: string): string {
  const decimals = unitOf(unit)?.kind === 'score5' ? 1 : Math.min(2, decimalsOf(v.value));
  const number = decimals ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
  const prefix = v.cumulative ? '"累計 "' : '';
  const suffix = `${unit ? `"${unit}"` : ''}${v.cancelledReason ? '"※"' : v.quality === 'provisional' ? '"（速報値）"' : ''}`;
  return `${prefix}${number}${suffix}`;
}

function decimalsOf(x: number): number {
  const text = String(x);
  const dot = text.indexOf('.');
  return dot < 0 || text.includes('e') ? 0 : text.length - dot - 1;
}

/**
 * Achievement for a person to read: the percentage cut to one decimal from 0 up; below 0 (the
 * actual moved away from the target past its baseline) null, and `achievementWords` says it.
 */
export function achievementPercent(ratio: number | null): number | null {
  const p = percentCut(ratio);
  return p === null || p < 0 ? null : p;
}

/** Achievement below zero in words where the direction is not known (e.g. a snapshot published before the rule). */
export const BELOW_BASELINE = GENERIC_DECLINE.ja;

/** The decline in words when achievement is below zero (「基準値から減少」), else null. */
export function achievementWords(ratio: number | null, decline: { ja: string } | null): string | null {
  if (ratio === null || !Number.isFinite(ratio) || percentCut(ratio)! >= 0) return null;
  return decline?.ja ?? BELOW_BASELINE;
}

/** 「56.2%」, 「基準値から減少」 or 「−」 (not judged): what a cell or a line shows. */
export function achievementText(ratio: number | null, decline: { ja: string } | null): string {
  const words = achievementWords(ratio, decline);
  if (words) return words;
  const p = achievementPercent(ratio);
  return p === null ? '−' : `${p}%`;
}

/**
 * A ratio as a percentage cut (not rounded) to one decimal, as the Orient reasons print it:
 * 0.8999 → 89.9, so a printed figure never crosses a threshold the real one did not.
 */
export function percentCut(ratio: number | null): number | null {
  if (ratio === null || !Number.isFinite(ratio)) return null;
  return Math.floor(Math.round(ratio * 1e9) / 1e6) / 10;
}
