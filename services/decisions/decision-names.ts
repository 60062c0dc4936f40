/**
 * The names behind the ids and codes a decision stores (a new project's departments by id or, in
 * the document's decisions, by code; its KPIs by code), so the log reads in words: see describe-changes.ts.
 */
import { eq } from 'drizzle-orm';
import { departments, kpis, plans } from '../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';
import type { NameOf } from './describe-changes.ts';

export async function decisionNames(ctx: ServiceContext, planId: string): Promise<NameOf> {
  const [kpiRows, departmentRows] = await Promise.all([
    ctx.db.select({ key: kpis.code, name: kpis.name }).from(kpis).where(eq(kpis.planId, planId)),
    ctx.db.select({ id: departments.id, code: departments.code, name: departments.name }).from(departments).innerJoin(plans, eq(plans.organizationId, departments.organizationId)).where(eq(plans.id, planId)),
  ]);
  // The document's own decisions name departments by code, the review's by id.
  const names = new Map([...kpiRows.map((r) => [r.key, r.name] as const), ...departmentRows.flatMap((r) => [[r.id, r.name] as const, [r.code, r.name] as const])]);
  return (key) => names.get(key);
}
