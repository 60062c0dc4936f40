/**
 * The arithmetic of the Orient rules: where a KPI's trajectory starts, the value expected at a
 * year, and the ratios compared with the thresholds. Values are first turned into "goodness"
 * (negated for lower-is-better), so lower-is-better is exactly the mirror image of higher.
 */
import type { KpiDirection } from '../../db/schema/plans/constants.ts';
import { unitOf } from '../plans/units.ts';
import type { ValueUsed } from './types.ts';

export interface Point {
  fiscalYear: number;
  value: number;
}

export const goodness = (direction: KpiDirection, value: number) => (direction === 'lower' ? -value : value);

/**
 * The lowest value the unit can take: 1 for a 5-point score, 0 otherwise. Level comparisons
 * measure from here, so a score of 3.0 against 3.3 is (3.0−1)/(3.3−1), not 3.0/3.3.
 */
export function unitFloor(unit: string): number {
  return unitOf(unit)?.kind === 'score5' ? 1 : 0;
}

/** Counts and amounts without a baseline are taken to start from nothing; percentages, scores and rates cannot be. */
export function startsFromZero(unit: string): boolean {
  const kind = unitOf(unit)?.kind;
  return kind === 'count' || kind === 'amount';
}

/**
 * Where the trajectory starts. Cumulative: 0 in the year before the plan period (running totals
 * start there). Otherwise the baseline; without one, 0 in the year before the period for counts
 * and amounts, and no origin (a level comparison) for percentages, scores and rates.
 */
export function trajectoryOrigin(opts: { cumulative: boolean; unit: string; baseline: ValueUsed | null; periodStart: number }): Point | null {
  if (opts.cumulative) return { fiscalYear: opts.periodStart - 1, value: 0 };
  if (opts.baseline) return { fiscalYear: opts.baseline.fiscalYear, value: opts.baseline.value };
  return startsFromZero(opts.unit) ? { fiscalYear: opts.periodStart - 1, value: 0 } : null;
}

/** The expected value at a year: straight lines from the origin through each interim target to the final target. */
export function expectedAt(origin: Point, interim: readonly Point[], final: Point, fiscalYear: number): number {
  const anchors = [origin, ...interim.filter((p) => p.fiscalYear > origin.fiscalYear && p.fiscalYear < final.fiscalYear), final];
  if (fiscalYear <= anchors[0]!.fiscalYear) return anchors[0]!.value;
  for (let i = 1; i < anchors.length; i++) {
    const a = anchors[i - 1]!;
    const b = anchors[i]!;
    if (fiscalYear <= b.fiscalYear) return a.value + ((b.value - a.value) * (fiscalYear - a.fiscalYear)) / (b.fiscalYear - a.fiscalYear);
  }
  return final.value;
}

/**
 * How far a value is to a reference level, as a share: 1 at the level, above 1 beyond it, and
 * 1 − shortfall / |reference − floor| below it (for higher-is-better that is (A−floor)/(R−floor)).
 * When the reference sits on the floor (e.g. a target of 0), the baseline's distance from the
 * floor is the scale; with neither, meeting the level is 1 and missing it is 0.
 */
export function levelRatio(opts: { direction: KpiDirection; actual: number; reference: number; floor: number; baseline: number | null }): number {
  const diff = goodness(opts.direction, opts.actual) - goodness(opts.direction, opts.reference);
  const scale = Math.abs(opts.reference - opts.floor) || (opts.baseline === null ? 0 : Math.abs(opts.baseline - opts.floor));
  if (scale === 0) return diff >= 0 ? 1 : 0;
  return 1 + diff / scale;
}

/** Beyond ±1,000,000 (a hundred million per cent) a ratio says nothing more; capping keeps it finite. */
export const MAX_RATIO = 1e6;

/**
 * Ratios are capped to ±MAX_RATIO and rounded to nine decimals, so that a figure exactly at a
 * threshold by hand (e.g. 0.9) is at it here too, whatever the floating-point noise.
 */
export function roundRatio(x: number): number {
  const capped = Number.isNaN(x) ? 0 : Math.min(MAX_RATIO, Math.max(-MAX_RATIO, x));
  return Math.round(capped * 1e9) / 1e9 || 0;
}
