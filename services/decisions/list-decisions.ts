/**
 * The decision log of a plan, newest first (or oldest first), filtered by marker, department
 * and fiscal year, a page at a time. Readable by all staff of the organization.
 */
import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { decisionLog, kpis, projectDepartments, users } from '../../db/schema/index.ts';
import type { DecisionMarker } from '../plans/markers.ts';
import type { ServiceContext } from '../context.ts';
import { findPlan } from '../plans/queries.ts';

export interface DecisionFilter {
  marker?: DecisionMarker;
  departmentId?: string;
  fiscalYear?: number;
  order?: 'newest' | 'oldest';
  page?: number;
  pageSize?: number;
}

export async function listDecisions(ctx: ServiceContext, planId: string, filter: DecisionFilter = {}) {
  await findPlan(ctx, planId);
  const conditions: SQL[] = [eq(decisionLog.planId, planId)];
  if (filter.marker) conditions.push(eq(decisionLog.marker, filter.marker));
  if (filter.fiscalYear) conditions.push(eq(decisionLog.fiscalYear, filter.fiscalYear));
  if (filter.departmentId) {
    // A decision concerns a department when it is about one of its projects, or a KPI of one.
    const ownedProjects = ctx.db.select({ id: projectDepartments.projectId }).from(projectDepartments).where(eq(projectDepartments.departmentId, filter.departmentId));
    const ownedKpis = ctx.db.select({ id: kpis.id }).from(kpis).where(inArray(kpis.projectId, ownedProjects));
    conditions.push(or(inArray(decisionLog.subjectId, ownedProjects), inArray(decisionLog.subjectId, ownedKpis))!);
  }
  const pageSize = Math.min(filter.pageSize ?? 50, 500);
  const page = Math.max(filter.page ?? 1, 1);
  const where = and(...conditions);
  const [[total], items] = await Promise.all([
    ctx.db.select({ n: count() }).from(decisionLog).where(where),
    ctx.db
      .select({ decision: decisionLog, decidedByName: users.name, subjectName: decisionSubjectName })
      .from(decisionLog)
      .leftJoin(users, eq(users.id, decisionLog.decidedBy))
      .where(where)
      .orderBy(filter.order === 'oldest' ? asc(decisionLog.id) : desc(decisionLog.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
  ]);
  return { total: total!.n, page, pageSize, items: items.map((i) => ({ ...i.decision, decidedByName: i.decidedByName, subjectName: i.subjectName })) };
}

export type DecisionItem = Awaited<ReturnType<typeof listDecisions>>['items'][number];

/** Every decision matching the filter, oldest first: for downloads, read a page at a time. */
export async function listAllDecisions(ctx: ServiceContext, planId: string, filter: Omit<DecisionFilter, 'order' | 'page' | 'pageSize'> = {}): Promise<DecisionItem[]> {
  const items: DecisionItem[] = [];
  for (let page = 1; ; page++) {
    const result = await listDecisions(ctx, planId, { ...filter, order: 'oldest', page, pageSize: 500 });
    items.push(...result.items);
    if (result.items.length < result.pageSize || items.length >= result.total) return items;
  }
}

/** A decision's subject's current name, whatever kind of thing it is (select it beside `decisionLog`). */
export const decisionSubjectName = sql<string | null>`coalesce(
  (select name from projects where id = ${decisionLog.subjectId}),
  (select name from kpis where id = ${decisionLog.subjectId}),
  (select title from measures where id = ${decisionLog.subjectId}))`;
