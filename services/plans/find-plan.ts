import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { plans } from '../../db/schema/index.ts';
import { notFound } from '../errors.ts';

/** The plan, scoped to an organization when one is given (users); the system sees every plan. */
export async function findPlanInOrganization(db: DbOrTx, planId: string, organizationId: string | undefined) {
  const [plan] = await db
    .select()
    .from(plans)
    .where(organizationId ? and(eq(plans.id, planId), eq(plans.organizationId, organizationId)) : eq(plans.id, planId));
  if (!plan) throw notFound('plan');
  return plan;
}
