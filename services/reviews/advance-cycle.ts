/**
 * The strategy office moves a cycle to its next phase when the statechart's guards allow it;
 * otherwise a 409 says which phase it is in and what is missing. Entering Act applies the
 * approved revisions in the same transaction.
 */
import { and, count, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import type { DbOrTx } from '../../db/client.ts';
import { kpiExplanations, projectAssessments, proposals, reviewTasks } from '../../db/schema/index.ts';
import { CYCLE_PHASES } from '../../db/schema/reviews/constants.ts';
import type { AdvanceFacts } from '../../workflows/review-cycle.machine.ts';
import { requireUser } from '../auth/authorize.ts';
import { withTransaction, type Clock, type ServiceContext } from '../context.ts';
import { conflict } from '../errors.ts';
import { applyApprovedRevisions } from './apply-revisions.ts';
import { assessCycleKpis, kpisNeedingExplanation } from './assess-cycle.ts';
import { assertActorMay, eventActor, lockCycle, transitionCycle, type ReviewCycle } from './cycle-transition.ts';

/**
 * The guard: the phase the caller saw; a cycle that has moved on since is a 409, not a second step.
 * `acknowledged`: move on from Observe although submissions still wait for review (承知のうえで進める).
 */
export const AdvanceCycleBody = Type.Object({ expectedPhase: Type.Optional(Type.Enum(CYCLE_PHASES)), acknowledged: Type.Optional(Type.Boolean()) });

export async function advanceCycle({ ctx, input }: { ctx: ServiceContext; input: Static<typeof AdvanceCycleBody> & { cycleId: string } }) {
  // Who may is the statechart's (ACTOR_GUARDS), asked in transitionCycle: a 403 from there.
  const user = requireUser(ctx);
  return withTransaction(ctx, async (tx) => {
    const cycle = await lockCycle(tx, input.cycleId, user);
    // Who may comes first: the expected phase is the caller's view of a cycle they may move on.
    assertActorMay(ctx, cycle, { type: 'ADVANCE', actor: eventActor(user), facts: { tasksOutstanding: 0, explanationsMissing: 0, assessmentsMissing: 0, proposalsPending: 0, submissionsAwaitingReview: 0 } });
    if (input.expectedPhase && input.expectedPhase !== cycle.phase) {
      throw conflict(`the cycle is already in ${cycle.phase}, not ${input.expectedPhase}; reload to see what changed`, { phase: cycle.phase });
    }
    const facts = await advanceFacts(tx, ctx.clock, cycle);
    const acknowledged = input.acknowledged === true;
    const { cycle: moved } = await transitionCycle(tx, ctx, cycle, { type: 'ADVANCE', actor: eventActor(user), facts, acknowledged }, { from: cycle.phase, facts, ...(acknowledged ? { acknowledged } : {}) });
    const decisionIds = moved.phase === 'act' ? await applyApprovedRevisions(tx, ctx.clock, moved) : [];
    return { cycle: moved, decisionIds };
  });
}

/**
 * What the guards need to know, counted inside the transaction that holds the cycle lock.
 * Only the facts that can block the cycle's current phase are counted (the others are 0):
 * assessing every KPI is the costly part, and only Orient needs it.
 */
export async function advanceFacts(tx: DbOrTx, clock: Clock, cycle: ReviewCycle): Promise<AdvanceFacts> {
  const facts: AdvanceFacts = { tasksOutstanding: 0, explanationsMissing: 0, assessmentsMissing: 0, proposalsPending: 0, submissionsAwaitingReview: 0 };
  if (cycle.phase === 'observe') {
    const [counted] = await tx
      .select({
        outstanding: sql<number>`count(*) filter (where ${reviewTasks.status} in ('open', 'returned'))`.mapWith(Number),
        awaiting: sql<number>`count(*) filter (where ${reviewTasks.status} = 'submitted')`.mapWith(Number),
      })
      .from(reviewTasks)
      .where(eq(reviewTasks.cycleId, cycle.id));
    facts.tasksOutstanding = counted!.outstanding;
    facts.submissionsAwaitingReview = counted!.awaiting;
  }
  if (cycle.phase === 'orient') {
    const needing = kpisNeedingExplanation(await assessCycleKpis(tx, clock, cycle));
    const explained = needing.length
      ? await tx.selectDistinct({ kpiId: kpiExplanations.kpiId }).from(kpiExplanations).where(and(eq(kpiExplanations.cycleId, cycle.id), inArray(kpiExplanations.kpiId, needing.map((k) => k.kpi.id))))
      : [];
    // Every project whose lead task was not waived needs the strategy office's assessment.
    const [unassessed] = await tx
      .select({ n: count() })
      .from(reviewTasks)
      .where(
        and(
          eq(reviewTasks.cycleId, cycle.id),
          eq(reviewTasks.lead, true),
          ne(reviewTasks.status, 'waived'),
          notInArray(reviewTasks.projectId, tx.select({ id: projectAssessments.projectId }).from(projectAssessments).where(eq(projectAssessments.cycleId, cycle.id))),
        ),
      );
    facts.explanationsMissing = needing.length - explained.length;
    facts.assessmentsMissing = unassessed!.n;
  }
  if (cycle.phase === 'decide') {
    const [pending] = await tx.select({ n: count() }).from(proposals).where(and(eq(proposals.cycleId, cycle.id), eq(proposals.status, 'pending')));
    facts.proposalsPending = pending!.n;
  }
  return facts;
}
