/**
 * Orient: the department that leads a project gives the cause of an at-risk or off-track KPI
 * and its improvement (the strategy office may write it for them). A new version replaces the
 * old one in the cycle; every version is kept.
 */
import { and, eq } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { kpiExplanations, kpis, projectDepartments, projects } from '../../db/schema/index.ts';
import { requireUser } from '../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { Text } from '../input-schemas.ts';
import { eventActor, lockCycle, transitionCycle } from './cycle-transition.ts';
import { mayExplainFor } from './permissions.ts';

/** What the API's body and the task page's form give. */
export const ExplainKpiBody = Type.Object({ cause: Text(), improvement: Text() });

export async function explainKpi({ ctx, input }: { ctx: ServiceContext; input: Static<typeof ExplainKpiBody> & { cycleId: string; kpiId: string } }) {
  const user = requireUser(ctx);
  return withTransaction(ctx, async (tx) => {
    const cycle = await lockCycle(tx, input.cycleId, user);
    const [kpi] = await tx
      .select({ id: kpis.id, projectId: projects.id })
      .from(kpis)
      .innerJoin(projects, eq(projects.id, kpis.projectId))
      .where(and(eq(kpis.id, input.kpiId), eq(projects.measureId, cycle.measureId)));
    if (!kpi) throw notFound('KPI');
    const [lead] = await tx
      .select({ departmentId: projectDepartments.departmentId })
      .from(projectDepartments)
      .where(and(eq(projectDepartments.projectId, kpi.projectId), eq(projectDepartments.position, 0)));
    if (!mayExplainFor(user, lead?.departmentId ?? null)) throw notFound('KPI');
    await transitionCycle(tx, ctx, cycle, { type: 'EXPLAIN', actor: eventActor(user) }, { kpiId: kpi.id });
    const [row] = await tx
      .insert(kpiExplanations)
      .values({ cycleId: cycle.id, kpiId: kpi.id, cause: input.cause, improvement: input.improvement, writtenBy: user.id, writtenAt: ctx.clock.now() })
      .returning();
    return row!;
  });
}
