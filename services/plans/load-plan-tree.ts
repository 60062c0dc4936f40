/**
 * Reads a whole plan — goals → directions → measures → projects → KPIs with the values in
 * force — in a fixed number of queries. The export, the tree API and the dashboards read
 * through here.
 */
import { and, asc, desc, eq, getTableColumns, inArray, lte, sql } from 'drizzle-orm';
import { decidedBy } from '../decisions/decided-by.ts';
import { asRevisions, revisionsOnly, type RevisionRow } from '../decisions/revisions.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  decisionLog,
  departments,
  directions,
  goals,
  kpis,
  kpiValues,
  kpiVersions,
  measures,
  organizations,
  plans,
  populationFigures,
  projectDepartments,
  projects,
  projectVersions,
} from '../../db/schema/index.ts';
import { notFound } from '../errors.ts';

export type KpiValueRow = typeof kpiValues.$inferSelect;
export type KpiRow = typeof kpis.$inferSelect;
export type DecisionRow = RevisionRow;

export interface KpiNode extends KpiRow {
  values: KpiValueRow[];
  revisions: DecisionRow[];
}
export interface ProjectNode extends Omit<typeof projects.$inferSelect, 'planId' | 'measureId'> {
  departments: { id: string; code: string; name: string; nameEn: string | null; lead: boolean }[];
  kpis: KpiNode[];
  revisions: DecisionRow[];
}
export interface MeasureNode extends Omit<typeof measures.$inferSelect, 'planId' | 'directionId'> {
  projects: ProjectNode[];
  revisions: DecisionRow[];
}
export interface DirectionNode extends Omit<typeof directions.$inferSelect, 'planId' | 'goalId'> {
  measures: MeasureNode[];
}
export interface GoalNode extends Omit<typeof goals.$inferSelect, 'planId'> {
  numericTargets: KpiNode[];
  directions: DirectionNode[];
}
export interface PlanTree {
  organization: typeof organizations.$inferSelect;
  plan: typeof plans.$inferSelect;
  populationVision: (typeof populationFigures.$inferSelect)[];
  goals: GoalNode[];
}

/**
 * `asOf` reconstructs the plan as it stood at that moment: only what existed then, each
 * definition in the version then in force, and the values recorded by then.
 */
export async function loadPlanTree(db: DbOrTx, planId: string, options: { asOf?: Date } = {}): Promise<PlanTree> {
  const { asOf } = options;
  const [head] = await db
    .select({ plan: plans, organization: organizations })
    .from(plans)
    .innerJoin(organizations, eq(organizations.id, plans.organizationId))
    .where(eq(plans.id, planId));
  if (!head) throw notFound('plan');

  const [goalRows, directionRows, measureRows, projectRows, ownerRows, kpiRows, valueRows, decisionRows, figureRows] = await Promise.all([
    db.select().from(goals).where(eq(goals.planId, planId)).orderBy(asc(goals.number)),
    db.select().from(directions).where(eq(directions.planId, planId)).orderBy(asc(directions.position)),
    db.select().from(measures).where(and(eq(measures.planId, planId), asOf && lte(measures.createdAt, asOf))).orderBy(asc(measures.position)),
    projectsAsOf(db, planId, asOf),
    db
      .select({ projectId: projectDepartments.projectId, position: projectDepartments.position, department: departments })
      .from(projectDepartments)
      .innerJoin(departments, eq(departments.id, projectDepartments.departmentId))
      .innerJoin(projects, eq(projects.id, projectDepartments.projectId))
      .where(eq(projects.planId, planId))
      .orderBy(asc(projectDepartments.position)),
    kpisAsOf(db, planId, asOf),
    valuesInForce(db, planId, undefined, asOf),
    db.select().from(decisionLog).where(and(eq(decisionLog.planId, planId), revisionsOnly, asOf && decidedBy(asOf))).orderBy(asc(decisionLog.id)).then(asRevisions),
    db.select().from(populationFigures).where(eq(populationFigures.planId, planId)).orderBy(asc(populationFigures.position)),
  ]);

  const valuesByKpi = groupBy(valueRows, (v) => v.kpiId);
  const decisionsBySubject = groupBy(decisionRows, (d) => d.subjectId);
  const kpiNode = (k: KpiRow): KpiNode => ({ ...k, values: valuesByKpi.get(k.id) ?? [], revisions: decisionsBySubject.get(k.id) ?? [] });
  const kpisByProject = groupBy(kpiRows.filter((k) => k.projectId), (k) => k.projectId!);
  const kpisByGoal = groupBy(kpiRows.filter((k) => k.goalId), (k) => k.goalId!);
  const ownersByProject = groupBy(ownerRows, (o) => o.projectId);
  const projectsByMeasure = groupBy(projectRows, (p) => p.measureId);
  const measuresByDirection = groupBy(measureRows, (m) => m.directionId);
  const directionsByGoal = groupBy(directionRows, (d) => d.goalId);

  return {
    organization: head.organization,
    plan: head.plan,
    populationVision: figureRows,
    goals: goalRows.map(({ planId: _p, ...goal }) => ({
      ...goal,
      numericTargets: (kpisByGoal.get(goal.id) ?? []).map(kpiNode),
      directions: (directionsByGoal.get(goal.id) ?? []).map(({ planId: _d, goalId: _g, ...direction }) => ({
        ...direction,
        measures: (measuresByDirection.get(direction.id) ?? []).map(({ planId: _m, directionId: _md, ...measure }) => ({
          ...measure,
          revisions: decisionsBySubject.get(measure.id) ?? [],
          projects: (projectsByMeasure.get(measure.id) ?? []).map(({ planId: _pp, measureId: _pm, ...project }) => ({
            ...project,
            departments: (ownersByProject.get(project.id) ?? []).map((o) => ({
              id: o.department.id,
              code: o.department.code,
              name: o.department.name,
              nameEn: o.department.nameEn,
              lead: o.position === 0,
            })),
            kpis: (kpisByProject.get(project.id) ?? []).map(kpiNode),
            revisions: decisionsBySubject.get(project.id) ?? [],
          })),
        })),
      })),
    })),
  };
}

/**
 * The value in force for each (KPI, kind, fiscal year, quality): the latest recorded row.
 * Earlier rows stay in the table as history.
 */
export function valuesInForce(db: DbOrTx, planId: string, kpiIds?: string[], asOf?: Date) {
  return db
    .selectDistinctOn([kpiValues.kpiId, kpiValues.kind, kpiValues.fiscalYear, kpiValues.quality], getTableColumns(kpiValues))
    .from(kpiValues)
    .innerJoin(kpis, eq(kpis.id, kpiValues.kpiId))
    .where(and(kpiIds ? inArray(kpiValues.kpiId, kpiIds) : eq(kpis.planId, planId), asOf && lte(kpiValues.recordedAt, asOf)))
    .orderBy(kpiValues.kpiId, kpiValues.kind, kpiValues.fiscalYear, kpiValues.quality, sql`${kpiValues.id} desc`);
}

/** Projects with the version in force at `asOf` (the current rows when no date is given). */
async function projectsAsOf(db: DbOrTx, planId: string, asOf: Date | undefined) {
  const rows = await db.select().from(projects).where(and(eq(projects.planId, planId), asOf && lte(projects.createdAt, asOf))).orderBy(asc(projects.position));
  if (!asOf || rows.length === 0) return rows;
  const versions = await db
    .selectDistinctOn([projectVersions.projectId])
    .from(projectVersions)
    .where(and(inArray(projectVersions.projectId, rows.map((r) => r.id)), lte(projectVersions.recordedAt, asOf)))
    .orderBy(projectVersions.projectId, desc(projectVersions.version));
  return rows.map((r) => {
    const v = versions.find((x) => x.projectId === r.id);
    return v ? { ...r, name: v.name, description: v.description, status: v.status, version: v.version } : r;
  });
}

/** KPIs with the definition in force at `asOf`. */
async function kpisAsOf(db: DbOrTx, planId: string, asOf: Date | undefined) {
  const rows = await db.select().from(kpis).where(and(eq(kpis.planId, planId), asOf && lte(kpis.createdAt, asOf))).orderBy(asc(kpis.position));
  if (!asOf || rows.length === 0) return rows;
  const versions = await db
    .selectDistinctOn([kpiVersions.kpiId])
    .from(kpiVersions)
    .where(and(inArray(kpiVersions.kpiId, rows.map((r) => r.id)), lte(kpiVersions.recordedAt, asOf)))
    .orderBy(kpiVersions.kpiId, desc(kpiVersions.version));
  return rows.map((r) => {
    const v = versions.find((x) => x.kpiId === r.id);
    return v
      ? { ...r, name: v.name, unit: v.unit, cumulative: v.cumulative, direction: v.direction, note: v.note, dataSourceName: v.dataSourceName, dataSourceLagMonths: v.dataSourceLagMonths, version: v.version }
      : r;
  });
}

export function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
