/**
 * Every target a KPI has had, oldest first, each with the fiscal year from which it applies.
 * A target set by a revision applies from the revision's effective year (the year after the
 * review that decided it); the judgement of an earlier year keeps the target it replaced
 * (docs/orient-rules.md, "Revisions apply from their effective year").
 */
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { decisionLog, kpis, kpiValues, kpiVersions } from '../../db/schema/index.ts';
import { groupBy } from './load-plan-tree.ts';

export async function targetHistory(db: DbOrTx, opts: { planId: string; kpiIds?: string[]; asOf?: Date }) {
  const rows = await db
    .select({
      kpiId: kpiValues.kpiId,
      kind: kpiValues.kind,
      fiscalYear: kpiValues.fiscalYear,
      yearBasis: kpiValues.yearBasis,
      value: kpiValues.value,
      cumulative: kpiValues.cumulative,
      quality: kpiValues.quality,
      cancelledReason: kpiValues.cancelledReason,
      // Written with the value since the rule; for older rows, the year after the deciding review.
      effectiveFiscalYear: sql<number | null>`case when ${kpiValues.provenance} = 'decision'
        then coalesce((${kpiValues.sourceRef}->>'effectiveFiscalYear')::int, ${decisionLog.fiscalYear} + 1) end`.mapWith((x) => (x === null ? null : Number(x))),
    })
    .from(kpiValues)
    .innerJoin(kpis, eq(kpis.id, kpiValues.kpiId))
    .leftJoin(decisionLog, eq(decisionLog.id, sql`(${kpiValues.sourceRef}->>'decisionId')::bigint`))
    .where(and(eq(kpiValues.kind, 'target'), opts.kpiIds ? inArray(kpiValues.kpiId, opts.kpiIds) : eq(kpis.planId, opts.planId), opts.asOf && lte(kpiValues.recordedAt, opts.asOf)))
    .orderBy(asc(kpiValues.id));
  return groupBy(rows, (r) => r.kpiId);
}

/** A KPI's values for judging: its values in force, with its targets replaced by their whole history. */
export function withTargetHistory<V extends { kind: string }, T>(values: readonly V[], history: readonly T[] | undefined): (V | T)[] {
  return history ? [...values.filter((v) => v.kind !== 'target'), ...history] : [...values];
}

/**
 * Each KPI's definitions (unit, 累計, direction) by version, for judging a year with the
 * definition in force then: a definition changed by a revision applies from its effective year.
 */
export async function definitionHistory(db: DbOrTx, opts: { planId: string; kpiIds?: string[] }) {
  const rows = await db
    .select({ kpiId: kpiVersions.kpiId, version: kpiVersions.version, unit: kpiVersions.unit, cumulative: kpiVersions.cumulative, direction: kpiVersions.direction, effectiveFiscalYear: kpiVersions.effectiveFiscalYear })
    .from(kpiVersions)
    .innerJoin(kpis, eq(kpis.id, kpiVersions.kpiId))
    .where(opts.kpiIds ? inArray(kpiVersions.kpiId, opts.kpiIds) : eq(kpis.planId, opts.planId))
    .orderBy(asc(kpiVersions.version));
  return groupBy(rows, (r) => r.kpiId);
}

type Definition = { unit: string; cumulative: boolean; direction: 'higher' | 'lower' | 'keep' };

/** The KPI as it was defined for a fiscal year: the latest version in force by then (the current one when none is recorded). */
export function definedFor<K extends Definition>(kpi: K, versions: readonly (Definition & { effectiveFiscalYear: number | null })[] | undefined, fiscalYear: number): K {
  const inForce = (versions ?? []).filter((v) => v.effectiveFiscalYear === null || v.effectiveFiscalYear <= fiscalYear).at(-1);
  return inForce ? { ...kpi, unit: inForce.unit, cumulative: inForce.cumulative, direction: inForce.direction } : kpi;
}
