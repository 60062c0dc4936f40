/**
 * Orient: the strategy office records its assessment of a project (効果検証) — an effect grade,
 * suggested from the KPIs' numbers and confirmed by a person, and the next step. A new
 * assessment replaces the previous one in the cycle; every version is kept.
 */
import { and, eq } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { EFFECT_GRADES, NEXT_STEPS } from '../../db/schema/reviews/constants.ts';
import { projectAssessments, projects } from '../../db/schema/index.ts';
import { requireUser } from '../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { OrNull, Text } from '../input-schemas.ts';
import { assessCycleKpis, suggestProjectGrade } from './assess-cycle.ts';
import { eventActor, lockCycle, transitionCycle } from './cycle-transition.ts';

/** What the API's body and the cycle page's form give. */
export const AssessProjectBody = Type.Object({ effectGrade: Type.Enum(EFFECT_GRADES), nextStep: Type.Enum(NEXT_STEPS), comment: Type.Optional(OrNull(Text())) });

export async function assessProject({ ctx, input }: { ctx: ServiceContext; input: Static<typeof AssessProjectBody> & { cycleId: string; projectId: string } }) {
  // Who may is the statechart's (ACTOR_GUARDS), asked in transitionCycle: a 403 from there.
  const user = requireUser(ctx);
  return withTransaction(ctx, async (tx) => {
    const cycle = await lockCycle(tx, input.cycleId, user);
    const [project] = await tx.select({ id: projects.id }).from(projects).where(and(eq(projects.id, input.projectId), eq(projects.measureId, cycle.measureId)));
    if (!project) throw notFound('project');
    await transitionCycle(tx, ctx, cycle, { type: 'ASSESS', actor: eventActor(user) }, { projectId: project.id, effectGrade: input.effectGrade, nextStep: input.nextStep });
    const assessed = (await assessCycleKpis(tx, ctx.clock, cycle)).filter((k) => k.projectId === project.id);
    const [row] = await tx
      .insert(projectAssessments)
      .values({
        cycleId: cycle.id,
        projectId: project.id,
        effectGrade: input.effectGrade,
        suggestedGrade: suggestProjectGrade(assessed),
        nextStep: input.nextStep,
        comment: input.comment,
        assessedBy: user.id,
        assessedAt: ctx.clock.now(),
      })
      .returning();
    return row!;
  });
}
