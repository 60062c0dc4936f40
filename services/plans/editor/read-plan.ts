/** What the plan pages read: the plan of the user's organization, its draft (while a draft) and the departments projects choose from. */
import { asc, eq } from 'drizzle-orm';
import { departments } from '../../../db/schema/index.ts';
import { isStrategyOffice, requireUser } from '../../auth/authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { findPlanInOrganization } from '../find-plan.ts';
import type { PlanFile } from '../plan-file.ts';

export async function readPlanForEditor(ctx: ServiceContext, planId: string) {
  const user = requireUser(ctx);
  const plan = await findPlanInOrganization(ctx.db, planId, user.organizationId);
  const list = await ctx.db.select().from(departments).where(eq(departments.organizationId, plan.organizationId)).orderBy(asc(departments.code));
  const { draft, ...row } = plan;
  return {
    plan: row,
    draft: row.status === 'draft' ? (draft as unknown as PlanFile) : null,
    departments: list,
    /** Whether the editor's and the amendments' forms are offered (the verbs check again). */
    mayEdit: isStrategyOffice(user),
  };
}
