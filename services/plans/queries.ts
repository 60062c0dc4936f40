/** Plain reads of organizations, plans and departments (no authorization here: the routes scope them). */
import { asc, count, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { departments, kpis, measures, organizations, plans, projectDepartments, projects } from '../../db/schema/index.ts';
import { notFound } from '../errors.ts';

export function listOrganizations(db: DbOrTx) {
  return db.select().from(organizations).orderBy(asc(organizations.code));
}

export function listPlans(db: DbOrTx, organizationId?: string) {
  return db
    .select()
    .from(plans)
    .where(organizationId ? eq(plans.organizationId, organizationId) : undefined)
    .orderBy(asc(plans.periodStartFiscalYear), asc(plans.code));
}

export async function getPlan(db: DbOrTx, planId: string) {
  const [plan] = await db.select().from(plans).where(eq(plans.id, planId));
  if (!plan) throw notFound('plan');
  const [[m], [p], [k]] = await Promise.all([
    db.select({ n: count() }).from(measures).where(eq(measures.planId, planId)),
    db.select({ n: count() }).from(projects).where(eq(projects.planId, planId)),
    db.select({ n: count() }).from(kpis).where(eq(kpis.planId, planId)),
  ]);
  return { ...plan, counts: { measures: m!.n, projects: p!.n, kpis: k!.n } };
}

export async function listDepartments(db: DbOrTx, organizationId: string) {
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw notFound('organization');
  return db.select().from(departments).where(eq(departments.organizationId, organizationId)).orderBy(asc(departments.code));
}

/** The plan's departments, each with the projects it runs (lead or co-owner), in plan order. */
export async function listPlanDepartments(db: DbOrTx, planId: string) {
  const [plan] = await db.select({ id: plans.id }).from(plans).where(eq(plans.id, planId));
  if (!plan) throw notFound('plan');
  const rows = await db
    .select({
      department: departments,
      project: { id: projects.id, code: projects.code, name: projects.name, status: projects.status },
      lead: sql<boolean>`${projectDepartments.position} = 0`,
    })
    .from(projectDepartments)
    .innerJoin(projects, eq(projects.id, projectDepartments.projectId))
    .innerJoin(departments, eq(departments.id, projectDepartments.departmentId))
    .innerJoin(measures, eq(measures.id, projects.measureId))
    .where(eq(projects.planId, planId))
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
