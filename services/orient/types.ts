/** What the Orient engine reads and what it answers. Plain data: the engine does no I/O. */
import type { KpiDirection, ValueKind, ValueQuality, YearBasis } from '../../db/schema/plans/constants.ts';
import type { OrientStatus } from './statuses.ts';
import type { PublicationLag } from './publication-lags.ts';
import type { OrientThresholds } from './thresholds.ts';

/** One recorded value, as stored in kpi_values (the rows in force). */
export interface KpiValueInput {
  kind: ValueKind;
  fiscalYear: number;
  yearBasis?: YearBasis;
  value: number;
  /** Printed as 累計: a running total since the plan period began. */
  cumulative?: boolean;
  quality?: ValueQuality;
  /** Set on an actual when the project did not run that year (e.g. COVID-19). */
  cancelledReason?: string | null;
  /**
   * A value set by a revision applies from this fiscal year: years before it are judged with
   * the value it replaced (pass the replaced rows too, oldest first). Null: always.
   */
  effectiveFiscalYear?: number | null;
}

export interface KpiInput {
  unit: string;
  cumulative: boolean;
  direction: KpiDirection;
  /** The source printed beside the KPI in the plan, if the document prints one. */
  dataSourceName?: string | null;
  values: readonly KpiValueInput[];
}

export interface AssessContext {
  fiscalYear: number;
  /** The day of the assessment (`YYYY-MM-DD`, Tokyo): decides whether a late figure is still awaited. */
  asOf: string;
  period: { startFiscalYear: number; endFiscalYear: number };
  thresholds?: OrientThresholds;
  /**
   * The city's setting for this KPI's figure, when it is a statistic published late
   * (`plans.orient_settings.publicationLags`): not plan data. Without one the figure is due when the year closes.
   */
  publicationLag?: PublicationLag | null;
  /** The project ended: from this fiscal year on its KPIs are not assessed. */
  projectEndedFiscalYear?: number | null;
}

/** A value the assessment used. */
export interface ValueUsed {
  fiscalYear: number;
  yearBasis: YearBasis;
  value: number;
  cumulative: boolean;
  quality: ValueQuality;
}

export interface ActualUsed extends ValueUsed {
  cancelledReason: string | null;
  /** When a cumulative KPI's running total was added up from yearly figures: the first year added. */
  summedFromFiscalYear: number | null;
}

/**
 * How the progress ratio was computed: along the trajectory from the origin to the target,
 * against a level (a target that is no improvement on the baseline, or a percentage without
 * one), or as distance from a level to keep.
 */
export type AssessmentMethod = 'trajectory' | 'level' | 'keep';

export interface KpiAssessment {
  fiscalYear: number;
  status: OrientStatus;
  label: { ja: string; en: string };
  /** Why, in words, with the figures used. */
  reason: { ja: string; en: string };
  method: AssessmentMethod | null;
  /** Share of the final target reached (see docs/orient-rules.md for each method). */
  achievement: number | null;
  /** Progress against what was expected by this year; compared with the thresholds. */
  progress: number | null;
  /** The value expected at this fiscal year. */
  expected: number | null;
  actual: ActualUsed | null;
  baseline: ValueUsed | null;
  /** The final target (the latest year's). */
  target: ValueUsed | null;
  /** Where the trajectory starts: the baseline, or 0 in the year before the plan period. */
  origin: { fiscalYear: number; value: number } | null;
  /** For a figure not yet out: the day it is expected (`YYYY-MM-DD`), from the year's end and the city's publication-lag setting. */
  expectedPublication: string | null;
  /** The city's publication-lag setting used for this KPI, if any (shown as a setting, never as plan data). */
  publicationLag: PublicationLag | null;
  /**
   * Set when achievement is below zero (the actual moved away from the target past where it
   * started, e.g. below the baseline): the fact in words. A person never reads a negative
   * percentage; every page, report and file shows this instead (docs/orient-rules.md).
   */
  decline: { ja: string; en: string } | null;
  /** An earlier year of the period in which the actual met the final target, when it no longer does. */
  previouslyAchievedFiscalYear: number | null;
  thresholds: OrientThresholds;
}
