/** What the plan pages read: the plan of the user's organization, its draft (while a draft) and the departments projects choose from. */
import { asc, eq } from 'drizzle-orm';
import { departments, plans } from '../../../db/schema/index.ts';
import { isStrategyOffice, requireUser } from '../../auth/authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { findPlanInOrganization } from '../find-plan.ts';
import type { PlanFile } from '../plan-file.ts';

export async function readPlanForEditor(ctx: ServiceContext, planId: string) {
  const user = requireUser(ctx);
  const plan = await findPlanInOrganization(ctx.db, planId, user.organizationId);
  const list = await ctx.db.select().from(departments).where(eq(departments.organizationId, plan.organizationId)).orderBy(asc(departments.code));
  const { draft, ...row } = plan;
  const named = await ctx.db.select({ code: plans.code, name: plans.name }).from(plans).where(eq(plans.organizationId, plan.organizationId));
  return {
    plan: row,
    draft: row.status === 'draft' ? (draft as unknown as PlanFile) : null,
    departments: list,
    /** The organization's plans' names by code: a continued item's predecessor names its plan by code, a page by name. */
    planNames: new Map(named.map((p) => [p.code, p.name])),
    /** Whether the editor's and the amendments' forms are offered (the verbs check again). */
    mayEdit: isStrategyOffice(user),
  };
}
