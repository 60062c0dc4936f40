/**
 * Orient for one cycle: every KPI of the measure's projects assessed at the cycle's fiscal
 * year by the Orient engine, with the values in force now.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { kpis, plans, projects } from '../../db/schema/index.ts';
import type { Clock } from '../context.ts';
import { isoDateInTokyo } from '../fiscal-year.ts';
import { assessKpi } from '../orient/assess-kpi.ts';
import { suggestEffectGrade, type EffectGrade } from '../orient/effect-grade.ts';
import { resolvePublicationLags } from '../orient/publication-lags.ts';
import { resolveThresholds } from '../orient/thresholds.ts';
import type { KpiAssessment } from '../orient/types.ts';
import { valuesInForce } from '../plans/load-plan-tree.ts';
import { definedFor, definitionHistory, targetHistory, withTargetHistory } from '../plans/target-history.ts';
import type { ReviewCycle } from './cycle-transition.ts';

export interface CycleKpi {
  kpi: typeof kpis.$inferSelect;
  measureId: string;
  projectId: string;
  projectName: string;
  assessment: KpiAssessment;
  /** The effect grade the numbers suggest for this KPI, if any. */
  suggestedGrade: EffectGrade | null;
}

/** A submitted actual of the cycle's year, not yet accepted: assessed in place of the recorded one for a preview. */
export interface PreviewActual {
  value: number | null;
  quality: 'provisional' | 'final';
  cancelledReason: string | null;
}

export function assessCycleKpis(
  db: DbOrTx,
  clock: Clock,
  cycle: Pick<ReviewCycle, 'planId' | 'measureId' | 'fiscalYear'>,
  preview: ReadonlyMap<string, PreviewActual> = new Map(),
): Promise<CycleKpi[]> {
  return assessMeasuresKpis(db, clock, cycle, [cycle.measureId], preview);
}

/** The same for several measures of one plan and year at once (the season view): one read per table, not one per measure. */
export async function assessMeasuresKpis(
  db: DbOrTx,
  clock: Clock,
  cycle: Pick<ReviewCycle, 'planId' | 'fiscalYear'>,
  measureIds: string[],
  preview: ReadonlyMap<string, PreviewActual> = new Map(),
): Promise<CycleKpi[]> {
  if (measureIds.length === 0) return [];
  const [plan] = await db.select().from(plans).where(eq(plans.id, cycle.planId));
  const rows = await db
    .select({ kpi: kpis, projectName: projects.name, measureId: projects.measureId })
    .from(kpis)
    .innerJoin(projects, eq(projects.id, kpis.projectId))
    .where(and(inArray(projects.measureId, measureIds), eq(projects.status, 'active')))
    .orderBy(asc(projects.position), asc(kpis.position));
  if (rows.length === 0) return [];
  const values = await valuesInForce(db, cycle.planId, rows.map((r) => r.kpi.id));
  const context = {
    fiscalYear: cycle.fiscalYear,
    asOf: isoDateInTokyo(clock.now()),
    period: { startFiscalYear: plan!.periodStartFiscalYear, endFiscalYear: plan!.periodEndFiscalYear },
    thresholds: resolveThresholds(plan!.orientSettings),
  };
  const lags = resolvePublicationLags(plan!.orientSettings);
  const kpiIds = rows.map((r) => r.kpi.id);
  const [targets, definitions] = await Promise.all([targetHistory(db, { planId: cycle.planId, kpiIds }), definitionHistory(db, { planId: cycle.planId, kpiIds })]);
  return rows.map(({ kpi, projectName, measureId }) => {
    // The definition and targets in force for the cycle's year: a revision effective later does not re-judge it.
    const judged = definedFor(kpi, definitions.get(kpi.id), cycle.fiscalYear);
    const own = withPreview(values.filter((v) => v.kpiId === kpi.id), preview.get(kpi.id), cycle.fiscalYear, judged.cumulative);
    const assessment = assessKpi({ ...judged, values: withTargetHistory(own, targets.get(kpi.id)) }, { ...context, publicationLag: lags.get(kpi.code) ?? null });
    return { kpi, measureId, projectId: kpi.projectId!, projectName, assessment, suggestedGrade: suggestEffectGrade(judged, assessment, context.period) };
  });
}

/** The KPI's values with the year's actual replaced by a submitted one (a running total for a cumulative KPI, as submitted). */
function withPreview<V extends { kind: string; fiscalYear: number }>(values: V[], actual: PreviewActual | undefined, fiscalYear: number, cumulative: boolean): V[] {
  if (!actual || (actual.value === null && !actual.cancelledReason)) return values;
  const row = { kind: 'actual', fiscalYear, value: actual.value ?? 0, cumulative, quality: actual.quality, cancelledReason: actual.cancelledReason } as unknown as V;
  return [...values.filter((v) => !(v.kind === 'actual' && v.fiscalYear === fiscalYear)), row];
}

export const needsExplanation = (a: KpiAssessment) => a.status === 'at_risk' || a.status === 'off_track';

/** KPIs in the cycle whose status needs the department's cause and improvement. */
export function kpisNeedingExplanation(assessed: CycleKpi[]) {
  return assessed.filter((a) => needsExplanation(a.assessment));
}

const GRADE_ORDER: EffectGrade[] = ['not_effective', 'effective', 'considerably_effective', 'very_effective'];

/**
 * The most cautious of some KPIs' grades, which is a project's: a project is called very
 * effective only when every judged KPI is. Null when no KPI could be judged (all null).
 */
export function mostCautiousGrade(grades: readonly (EffectGrade | null)[]): EffectGrade | null {
  const known = grades.filter((g): g is EffectGrade => g !== null);
  if (known.length === 0) return null;
  return GRADE_ORDER[Math.min(...known.map((g) => GRADE_ORDER.indexOf(g)))]!;
}

/** A project's suggested grade: the most cautious of its KPIs' (`mostCautiousGrade`). */
export function suggestProjectGrade(kpisOfProject: CycleKpi[]): EffectGrade | null {
  return mostCautiousGrade(kpisOfProject.map((k) => k.suggestedGrade));
}
