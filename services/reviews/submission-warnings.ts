/**
 * The plausibility warnings of a task's values (services/reviews/plausibility.ts) from the
 * KPIs' recorded values and the plan's setting. One home for the task form, the submit verb's
 * answer and the office's review.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { plans } from '../../db/schema/index.ts';
import { rangeProblem, unitOf } from '../plans/units.ts';
import { checkPlausibility, resolvePlausibility, type PlausibilityKpi, type PlausibilitySettings, type PlausibilityWarning } from './plausibility.ts';

/** A recorded value (a kpi_values row, or the Orient engine's input). */
interface ValueRow {
  kind: string;
  fiscalYear: number;
  value: number;
  quality?: string | null;
  cumulative?: boolean | null;
  cancelledReason?: string | null;
}
export interface KpiWithValues {
  id: string;
  unit: string;
  cumulative: boolean;
  direction: PlausibilityKpi['direction'];
  values: readonly ValueRow[];
}

export async function plausibilitySettings(db: DbOrTx, planId: string): Promise<PlausibilitySettings> {
  const [plan] = await db.select({ orientSettings: plans.orientSettings }).from(plans).where(eq(plans.id, planId));
  return resolvePlausibility(plan?.orientSettings);
}

/** A KPI as plausibility reads it for the actual of `fiscalYear`: the final figure of a year wins over its provisional one. */
export function plausibilityKpi(kpi: KpiWithValues, fiscalYear: number): PlausibilityKpi {
  const latest = (kind: string) => [...kpi.values].filter((v) => v.kind === kind).sort((a, b) => a.fiscalYear - b.fiscalYear).at(-1) ?? null;
  const byYear = new Map<number, ValueRow>();
  for (const v of kpi.values) {
    if (v.kind !== 'actual' || v.fiscalYear >= fiscalYear) continue;
    const seen = byYear.get(v.fiscalYear);
    if (!seen || seen.quality === 'provisional') byYear.set(v.fiscalYear, v);
  }
  return { unit: kpi.unit, cumulative: kpi.cumulative, direction: kpi.direction, baseline: latest('baseline'), target: latest('target'), earlier: [...byYear.values()] };
}

export interface ValueWarnings {
  /** Position in the submitted `values`, so a warning finds its field (`values[i].value`). */
  index: number;
  kpiId: string;
  warnings: PlausibilityWarning[];
}

/**
 * Warnings of each submitted number; only values with at least one. A cancellation has none,
 * and neither has a value out of its unit's range: the verb refuses it, and the error comes first.
 */
export function submissionWarnings(
  kpis: readonly KpiWithValues[],
  values: readonly { kpiId: string; value?: number | null; cancelledReason?: string | null }[],
  fiscalYear: number,
  settings: PlausibilitySettings,
): ValueWarnings[] {
  return values.flatMap((v, index) => {
    const kpi = kpis.find((k) => k.id === v.kpiId);
    if (!kpi || v.value === null || v.value === undefined || (v.cancelledReason && v.cancelledReason.trim())) return [];
    const kind = unitOf(kpi.unit)?.kind;
    if (kind && rangeProblem(kind, v.value)) return [];
    const warnings = checkPlausibility(plausibilityKpi(kpi, fiscalYear), fiscalYear, v.value, settings);
    return warnings.length ? [{ index, kpiId: kpi.id, warnings }] : [];
  });
}
