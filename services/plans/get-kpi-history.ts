/**
 * One KPI with its whole history: every definition version, and every value ever recorded
 * (baseline, each year's actuals with their provenance, every target version), oldest first.
 */
import { and, asc, eq } from 'drizzle-orm';
import { asRevisions, revisionsOnly } from '../decisions/revisions.ts';
import type { DbOrTx } from '../../db/client.ts';
import { decisionLog, goals, kpis, kpiValues, kpiVersions, measures, projects } from '../../db/schema/index.ts';
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
  const inForce = new Map<string, number>();
  for (const v of values) inForce.set(`${v.kind}/${v.fiscalYear}/${v.quality}`, v.id);
  return {
    ...row.kpi,
    owner: row.project
      ? { type: 'project' as const, id: row.project.id, code: row.project.code, name: row.project.name, measureNumber: row.measureNumber }
      : { type: 'goal' as const, goalNumber: row.goalNumber },
    versions,
    values: values.map((v) => ({ ...v, inForce: inForce.get(`${v.kind}/${v.fiscalYear}/${v.quality}`) === v.id })),
    revisions,
  };
}
