/** Figures as they appear in the reasons: grouped digits, the unit as printed, ratios as percentages. */
import { fiscalYearLabel } from '../fiscal-year.ts';
import { unitOf } from '../plans/units.ts';
import type { ValueUsed } from './types.ts';

export type Lang = 'ja' | 'en';

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, useGrouping: true });

/** 1627 → 1,627; 256.5 → 256.5; at most two decimals. */
export function formatNumber(x: number): string {
  return numberFormat.format(x === 0 ? 0 : x);
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
