import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { plans } from '../../db/schema/index.ts';
import { notFound } from '../errors.ts';
import type { Words } from '../i18n/translate.ts';

/** The plan, scoped to an organization when one is given (users); the system sees every plan. */
export async function findPlanInOrganization(db: DbOrTx, planId: string, organizationId: string | undefined) {
  const [plan] = await db
    .select()
    .from(plans)
    .where(organizationId ? and(eq(plans.id, planId), eq(plans.organizationId, organizationId)) : eq(plans.id, planId));
  if (!plan) throw notFound('plan');
  return plan;
}

/** What a fiscal year outside the plan's period is told, in the catalogue's words. */
export const periodWords = (plan: { periodStartFiscalYear: number; periodEndFiscalYear: number }): Words => ({
  key: 'problems.withinPeriod',
  params: { start: plan.periodStartFiscalYear, end: plan.periodEndFiscalYear },
});
