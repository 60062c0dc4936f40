/**
 * Every target a KPI has had, oldest first, each with the fiscal year from which it applies.
 * A target set by a revision applies from the revision's effective year (the year after the
 * review that decided it); the judgement of an earlier year keeps the target it replaced
 * (docs/orient-rules.md, "Revisions apply from their effective year").
 */
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { decisionLog, kpis, kpiValues } from '../../db/schema/index.ts';
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
