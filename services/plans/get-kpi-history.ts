/**
 * One KPI with its whole history: every definition version, and every value ever recorded
 * (baseline, each year's actuals with their provenance, every target version), oldest first;
 * and, for a KPI continued from an earlier period, its predecessors in the earlier plans.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { asRevisions, revisionsOnly } from '../decisions/revisions.ts';
import type { DbOrTx } from '../../db/client.ts';
import { decisionLog, goals, kpis, kpiValues, kpiVersions, measures, plans, projects } from '../../db/schema/index.ts';
import { notFound } from '../errors.ts';

export async function getKpiHistory(db: DbOrTx, kpiId: string) {
  const [row] = await db
    .select({ kpi: kpis, project: { id: projects.id, code: projects.code, name: projects.name }, measureNumber: measures.number, goalNumber: goals.number })
    .from(kpis)
    .leftJoin(projects, eq(projects.id, kpis.projectId))
    .leftJoin(measures, eq(measures.id, projects.measureId))
    .leftJoin(goals, eq(goals.id, kpis.goalId))
    .where(eq(kpis.id, kpiId));
  if (!row) throw notFound('KPI');
  const [versions, values, revisions] = await Promise.all([
    db.select().from(kpiVersions).where(eq(kpiVersions.kpiId, kpiId)).orderBy(asc(kpiVersions.version)),
    db.select().from(kpiValues).where(eq(kpiValues.kpiId, kpiId)).orderBy(asc(kpiValues.kind), asc(kpiValues.fiscalYear), asc(kpiValues.id)),
    db.select().from(decisionLog).where(and(eq(decisionLog.subjectId, kpiId), revisionsOnly)).orderBy(asc(decisionLog.id)).then(asRevisions),
  ]);
  const predecessors = await predecessorsOf(db, row.kpi.predecessorKpiId);
  return {
    ...row.kpi,
    owner: row.project
      ? { type: 'project' as const, id: row.project.id, code: row.project.code, name: row.project.name, measureNumber: row.measureNumber }
      : { type: 'goal' as const, goalNumber: row.goalNumber },
    versions,
    values: markInForce(values),
    revisions,
    predecessors,
  };
}

type ValueRow = typeof kpiValues.$inferSelect;

function markInForce(values: ValueRow[]) {
  const inForce = new Map<string, number>();
  for (const v of values) inForce.set(`${v.kind}/${v.fiscalYear}/${v.quality}`, v.id);
  return values.map((v) => ({ ...v, inForce: inForce.get(`${v.kind}/${v.fiscalYear}/${v.quality}`) === v.id }));
}

/** How many periods back a KPI's history is followed (a guard, far beyond any real chain). */
const MAX_PERIODS = 20;

/** The KPIs this one continues, oldest period first, each with its plan and its values. */
export async function predecessorsOf(db: DbOrTx, firstId: string | null) {
  const chain: { kpi: typeof kpis.$inferSelect; plan: typeof plans.$inferSelect }[] = [];
  for (let id = firstId; id && chain.length < MAX_PERIODS; ) {
    const [row] = await db.select({ kpi: kpis, plan: plans }).from(kpis).innerJoin(plans, eq(plans.id, kpis.planId)).where(eq(kpis.id, id));
    if (!row) break;
    chain.unshift(row);
    id = row.kpi.predecessorKpiId;
  }
  if (!chain.length) return [];
  const values = await db
    .select()
    .from(kpiValues)
    .where(inArray(kpiValues.kpiId, chain.map((c) => c.kpi.id)))
    .orderBy(asc(kpiValues.kind), asc(kpiValues.fiscalYear), asc(kpiValues.id));
  return chain.map(({ kpi, plan }) => ({
    kpiId: kpi.id,
    name: kpi.name,
    unit: kpi.unit,
    plan: { id: plan.id, name: plan.name, nameEn: plan.nameEn, periodStartFiscalYear: plan.periodStartFiscalYear, periodEndFiscalYear: plan.periodEndFiscalYear },
    values: markInForce(values.filter((v) => v.kpiId === kpi.id)),
  }));
}
