/** Reads of organizations, plans and departments, scoped to the signed-in user's organization. */
import { and, asc, count, eq, getTableColumns, sql } from 'drizzle-orm';
import { departments, kpis, measures, organizations, plans, projectDepartments, projects } from '../../db/schema/index.ts';
import { assertSameOrganization, requireUser } from '../auth/authorize.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { fiscalYearOf } from '../fiscal-year.ts';
import { pickCurrentPlan, standingOf, standingOfPlan } from './current-plan.ts';
import { exportPlan } from './export-plan.ts';
import { findPlanInOrganization } from './find-plan.ts';
import { getKpiHistory } from './get-kpi-history.ts';
import { loadPlanTree } from './load-plan-tree.ts';

export function listOrganizations(ctx: ServiceContext) {
  const user = requireUser(ctx);
  return ctx.db.select().from(organizations).where(eq(organizations.id, user.organizationId));
}

/**
 * The organization's plans, oldest first, each with its standing (current, past, next or draft:
 * services/plans/current-plan.ts). A draft's content (`draft`) is left out: lists need the heads only.
 */
export async function listPlans(ctx: ServiceContext) {
  const user = requireUser(ctx);
  const { draft: _draft, ...head } = getTableColumns(plans);
  const list = await ctx.db
    .select(head)
    .from(plans)
    .where(eq(plans.organizationId, user.organizationId))
    .orderBy(asc(plans.periodStartFiscalYear), asc(plans.code));
  const current = pickCurrentPlan(list, fiscalYearOf(ctx.clock.now()));
  return list.map((p) => ({ ...p, standing: standingOf(p, current) }));
}

/** The plan, if it belongs to the user's organization; otherwise "not found". */
export function findPlan(ctx: ServiceContext, planId: string) {
  return findPlanInOrganization(ctx.db, planId, requireUser(ctx).organizationId);
}

export async function getPlan(ctx: ServiceContext, planId: string) {
  const found = await findPlan(ctx, planId);
  const plan = { ...found, standing: await standingOfPlan(ctx.db, found, ctx.clock) };
  const [[m], [p], [k]] = await Promise.all([
    ctx.db.select({ n: count() }).from(measures).where(eq(measures.planId, planId)),
    ctx.db.select({ n: count() }).from(projects).where(eq(projects.planId, planId)),
    ctx.db.select({ n: count() }).from(kpis).where(eq(kpis.planId, planId)),
  ]);
  return { ...plan, counts: { measures: m!.n, projects: p!.n, kpis: k!.n } };
}

export async function getPlanTree(ctx: ServiceContext, planId: string, asOf?: Date) {
  await findPlan(ctx, planId);
  return loadPlanTree(ctx.db, planId, { asOf });
}

export async function getPlanExport(ctx: ServiceContext, planId: string) {
  await findPlan(ctx, planId);
  return exportPlan(ctx.db, planId);
}

export async function getKpi(ctx: ServiceContext, kpiId: string) {
  const history = await getKpiHistory(ctx.db, kpiId);
  await findPlan(ctx, history.planId).catch(() => {
    throw notFound('KPI');
  });
  return history;
}

export async function listDepartments(ctx: ServiceContext, organizationId: string) {
  const user = requireUser(ctx);
  assertSameOrganization(user, organizationId, 'organization');
  return ctx.db.select().from(departments).where(eq(departments.organizationId, organizationId)).orderBy(asc(departments.code));
}

/** The plan's departments, each with the projects it runs (lead or co-owner), in plan order. */
export async function listPlanDepartments(ctx: ServiceContext, planId: string) {
  await findPlan(ctx, planId);
  const rows = await ctx.db
    .select({
      department: departments,
      project: { id: projects.id, code: projects.code, name: projects.name, status: projects.status },
      lead: sql<boolean>`${projectDepartments.position} = 0`,
    })
    .from(projectDepartments)
    .innerJoin(projects, eq(projects.id, projectDepartments.projectId))
    .innerJoin(departments, eq(departments.id, projectDepartments.departmentId))
    .innerJoin(measures, eq(measures.id, projects.measureId))
    .where(and(eq(projects.planId, planId)))
    .orderBy(asc(departments.code), asc(measures.position), asc(projects.position));
  type ProjectRef = (typeof rows)[number]['project'] & { lead: boolean };
  const byDepartment = new Map<string, typeof departments.$inferSelect & { projects: ProjectRef[] }>();
  for (const row of rows) {
    const entry = byDepartment.get(row.department.id) ?? { ...row.department, projects: [] };
    entry.projects.push({ ...row.project, lead: row.lead });
    byDepartment.set(row.department.id, entry);
  }
  return [...byDepartment.values()];
}
