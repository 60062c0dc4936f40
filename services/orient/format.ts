/** Figures as they appear in the reasons: grouped digits, the unit as printed, ratios as percentages. */
import { fiscalYearLabel } from '../fiscal-year.ts';
import type { KpiDirection } from '../../db/schema/plans/constants.ts';
import { unitOf } from '../plans/units.ts';
import type { ValueUsed } from './types.ts';

export type Lang = 'ja' | 'en';

// signDisplay 'negative': a value that rounds to zero prints 0, never -0.
const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, useGrouping: true, signDisplay: 'negative' });

/** 1627 → 1,627; 256.5 → 256.5; at most two decimals. */
export function formatNumber(x: number): string {
  return numberFormat.format(x);
}

/** 5-point scores keep one decimal (3.0点) as the document prints them. */
export function formatValue(x: number, unit: string, lang: Lang): string {
  const def = unitOf(unit);
  const n = def?.kind === 'score5' ? x.toFixed(1) : formatNumber(x);
  if (unit === '') return n;
  if (unit === '%') return `${n}%`;
  if (lang === 'ja') return `${n}${unit}`;
  if (def?.kind === 'score5') return `${n} points`;
  return `${n} ${def?.en ?? unit}`;
}

/**
 * A ratio as a percentage, cut (not rounded) to one decimal: 0.8996 → 89.9%, never 90%, so the
 * printed figure is on the same side of a threshold as the real one.
 */
export function formatRatio(r: number): string {
  const tenths = Math.floor(roundTo(r * 1000, 6));
  return `${formatNumber(tenths / 10)}%`;
}

/**
 * Words for an achievement or progress below zero: the actual has moved the wrong way past its
 * starting point. Along a line from the baseline that is 「基準値から減少」 (higher is better) or
 * 「基準値から増加」 (lower is better); against a level, 「目標から大きく後退」.
 */
export function declineWords(method: 'trajectory' | 'level' | 'keep' | null, direction: KpiDirection): { ja: string; en: string } {
  if (method === 'trajectory' && direction === 'higher') return { ja: '基準値から減少', en: 'below the baseline' };
  if (method === 'trajectory' && direction === 'lower') return { ja: '基準値から増加', en: 'above the baseline' };
  return { ja: '目標から大きく後退', en: 'far behind the target' };
}

/** The names a ratio carries wherever a person reads it. */
export const RATIO_LABELS = {
  achievement: { ja: '達成率', en: 'achievement' },
  progress: { ja: '進捗率', en: 'progress' },
} as const;

/** A decline whose direction is not known (e.g. a snapshot published before the rule): one wording for pages, reports and open data. */
export const GENERIC_DECLINE = { ja: '基準値から後退', en: 'behind its baseline' };

/** A share that may be negative, for a cell or a line: the percentage from 0 up, otherwise the decline in words. */
export function shareText(r: number | null, decline: { ja: string; en: string } | null, lang: Lang): string {
  if (r === null || !Number.isFinite(r)) return '—';
  return r < 0 ? (decline ?? GENERIC_DECLINE)[lang] : formatRatio(r);
}

/**
 * A change between two figures: in percentage points (ポイント) when the unit is a percentage,
 * never "%", so a change is not read as a ratio: 45.5% → 45.9% is 「0.4ポイント」.
 */
export function formatChange(x: number, unit: string, lang: Lang): string {
  if (unit === '%') return lang === 'ja' ? `${formatNumber(x)}ポイント` : `${formatNumber(x)} percentage points`;
  return formatValue(x, unit, lang);
}

/** A threshold such as 0.9 → 90%. */
export function formatThreshold(t: number): string {
  return `${formatNumber(roundTo(t * 100, 6))}%`;
}

export function yearLabel(fiscalYear: number, lang: Lang, basis: 'fiscal' | 'calendar' = 'fiscal'): string {
  return fiscalYearLabel(fiscalYear, basis)[lang];
}

/** 目標 40人（令和6年度・累計） / the target of 40 persons (FY2024, cumulative) */
export function describeValue(v: ValueUsed, unit: string, lang: Lang): string {
  const year = yearLabel(v.fiscalYear, lang, v.yearBasis);
  if (lang === 'ja') return `${formatValue(v.value, unit, 'ja')}（${year}${v.cumulative ? '・累計' : ''}${v.quality === 'provisional' ? '・速報値' : ''}）`;
  return `${formatValue(v.value, unit, 'en')} (${year}${v.cumulative ? ', cumulative' : ''}${v.quality === 'provisional' ? ', provisional' : ''})`;
}

function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
