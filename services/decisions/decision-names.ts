/**
 * The names behind the ids and codes a decision stores (a new project's departments by id, its
 * KPIs by code), so the log reads in words: see describe-changes.ts.
 */
import { eq } from 'drizzle-orm';
import { departments, kpis, plans } from '../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';
import type { NameOf } from './describe-changes.ts';

export async function decisionNames(ctx: ServiceContext, planId: string): Promise<NameOf> {
  const [kpiRows, departmentRows] = await Promise.all([
    ctx.db.select({ key: kpis.code, name: kpis.name }).from(kpis).where(eq(kpis.planId, planId)),
    ctx.db.select({ key: departments.id, name: departments.name }).from(departments).innerJoin(plans, eq(plans.organizationId, departments.organizationId)).where(eq(plans.id, planId)),
  ]);
  const names = new Map([...kpiRows, ...departmentRows].map((r) => [r.key, r.name]));
  return (key) => names.get(key);
}
