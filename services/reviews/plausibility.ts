/**
 * Is a proposed actual plausible? Warnings, never errors: the value may be right, and the
 * clerk may send it with a note saying why. The same function serves the task form (before
 * sending), the API's 201 answer and the strategy office's review. Pure: no database, no clock.
 *
 * The factors are the city's setting for the plan (`plans.orient_settings.plausibility`), not
 * plan data; without one the product's defaults apply (docs/orient-rules.md, "Plausibility").
 *
 * Decisions where issue 16 is silent:
 * - "Last year" is the latest earlier actual that was not cancelled; without one, the
 *   baseline. A cumulative KPI is compared only with the running total of the year just
 *   before (a total from years earlier has grown legitimately since; its baseline is a
 *   one-year figure, not a running total).
 * - A percentage over 100 warns only for units of kind `percent`. The submit verb still refuses
 *   a % actual over 100 as an error (units.ts `rangeProblem`): every % KPI of the Tomakomai plan
 *   is a share of a whole (就職割合, 交付率, 受診率, リピーター率, 充足率…) and none is a growth
 *   rate. A value out of its unit's range gets no warning (submission-warnings.ts): the error
 *   comes first. So today this warning is never reached through a submission; it is kept so
 *   the rule has its one home if a city relaxes the range (a growth-rate KPI, say).
 * - "Far past the target" measures the distance from the origin (the baseline; 0 for a
 *   cumulative KPI or one without a baseline) to the final target, and warns when the value
 *   overshoots the target by more than `pastTargetFactor` times that distance, in the better
 *   direction only (falling short is the Orient status's business). A KPI to keep a level
 *   (direction `keep`) uses the target itself as the distance.
 */
import type { KpiDirection } from '../../db/schema/plans/constants.ts';
import { unitOf } from '../plans/units.ts';

export interface PlausibilitySettings {
  /** A value more than this many times last year's, or less than last year's divided by it, is a jump. */
  jumpFactor: number;
  /** A value past the target by more than this many times the distance origin → target is far past it. */
  pastTargetFactor: number;
}

export const DEFAULT_PLAUSIBILITY: Readonly<PlausibilitySettings> = Object.freeze({ jumpFactor: 3, pastTargetFactor: 2 });

/** The factors of a plan from its stored settings; a factor that is not a number from 1.1 to 100 takes its default. */
export function resolvePlausibility(settings: unknown): PlausibilitySettings {
  const root = settings && typeof settings === 'object' ? (settings as Record<string, unknown>).plausibility : undefined;
  const raw = (root && typeof root === 'object' ? root : {}) as Record<string, unknown>;
  const pick = (key: keyof PlausibilitySettings) => {
    const value = raw[key];
    return typeof value === 'number' && Number.isFinite(value) && value >= 1.1 && value <= 100 ? value : DEFAULT_PLAUSIBILITY[key];
  };
  return { jumpFactor: pick('jumpFactor'), pastTargetFactor: pick('pastTargetFactor') };
}

export interface YearValue {
  fiscalYear: number;
  value: number;
  /** For an actual of a cumulative KPI: false when the figure is a yearly one, not the running total. */
  cumulative?: boolean | null;
  cancelledReason?: string | null;
}

export interface PlausibilityKpi {
  unit: string;
  cumulative: boolean;
  direction: KpiDirection;
  baseline: YearValue | null;
  /** The final target. */
  target: YearValue | null;
  /** Actuals of the years before the one being entered. */
  earlier: readonly YearValue[];
}

export const PLAUSIBILITY_CODES = ['jump_from_last_year', 'cumulative_decrease', 'percent_over_100', 'far_past_target'] as const;
export type PlausibilityCode = (typeof PLAUSIBILITY_CODES)[number];

export type PlausibilityWarning =
  | { code: 'jump_from_last_year'; fiscalYear: number; previous: number; factor: number; from: 'actual' | 'baseline'; change: 'up' | 'down' }
  | { code: 'cumulative_decrease'; fiscalYear: number; previous: number }
  | { code: 'percent_over_100' }
  | { code: 'far_past_target'; fiscalYear: number; target: number; factor: number };

/** The warnings for `value` as this KPI's actual of `fiscalYear` (its `earlier` actuals are of the years before). */
export function checkPlausibility(kpi: PlausibilityKpi, fiscalYear: number, value: number, settings: PlausibilitySettings = DEFAULT_PLAUSIBILITY): PlausibilityWarning[] {
  if (!Number.isFinite(value)) return [];
  const warnings: PlausibilityWarning[] = [];
  const lastActual = [...kpi.earlier].filter((v) => !v.cancelledReason && Number.isFinite(v.value)).sort((a, b) => a.fiscalYear - b.fiscalYear).at(-1);
  const reference = jumpReference(kpi, lastActual, fiscalYear);

  if (reference && reference.value > 0 && value >= 0) {
    const f = settings.jumpFactor;
    if (value > reference.value * f || value < reference.value / f) {
      const change = value > reference.value ? 'up' : 'down';
      warnings.push({ code: 'jump_from_last_year', fiscalYear: reference.fiscalYear, previous: reference.value, factor: f, from: reference.from, change });
    }
  }
  // A running total only grows; a yearly figure (cumulative: false) is not comparable with it.
  if (kpi.cumulative && lastActual && lastActual.cumulative !== false && value < lastActual.value) {
    warnings.push({ code: 'cumulative_decrease', fiscalYear: lastActual.fiscalYear, previous: lastActual.value });
  }
  if (unitOf(kpi.unit)?.kind === 'percent' && value > 100) warnings.push({ code: 'percent_over_100' });

  const target = kpi.target;
  if (target) {
    const origin = kpi.cumulative || !kpi.baseline ? 0 : kpi.baseline.value;
    const distance = kpi.direction === 'keep' ? Math.abs(target.value) : Math.abs(target.value - origin);
    const f = settings.pastTargetFactor;
    const beyond = kpi.direction === 'lower' ? target.value - value : kpi.direction === 'higher' ? value - target.value : Math.abs(value - target.value);
    if (distance > 0 && beyond > distance * f) warnings.push({ code: 'far_past_target', fiscalYear: target.fiscalYear, target: target.value, factor: f });
  }
  return warnings;
}

/**
 * What a jump is measured from. A running total grows every year, so a cumulative KPI is
 * compared only with the running total of the year just before; a yearly figure with the
 * latest earlier actual, else the baseline.
 */
function jumpReference(kpi: PlausibilityKpi, lastActual: YearValue | undefined, fiscalYear: number) {
  if (kpi.cumulative) return lastActual && lastActual.fiscalYear === fiscalYear - 1 && lastActual.cumulative !== false ? { ...lastActual, from: 'actual' as const } : null;
  if (lastActual) return { ...lastActual, from: 'actual' as const };
  return kpi.baseline ? { ...kpi.baseline, from: 'baseline' as const } : null;
}
