/**
 * What moving a cycle on would do, without doing it — the confirmation page's figures: the
 * phase it goes to, what still blocks it (and whether the office may move on acknowledging
 * it), how many departments are told, how many approved revisions become part of the plan
 * on entering Act. The same facts and blockers the advance verb and the statechart use.
 */
import { and, count, eq, isNull } from 'drizzle-orm';
import { proposals, reviewCycles } from '../../db/schema/index.ts';
import { CYCLE_PHASES, type CyclePhase } from '../../db/schema/reviews/constants.ts';
import { advanceBlockers } from '../../workflows/review-cycle.machine.ts';
import { requireStrategyOffice } from '../auth/authorize.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { phaseNoticeAudience } from '../notifications/email-phase-notice.ts';
import { advanceFacts } from './advance-cycle.ts';

export async function previewAdvance({ ctx, input }: { ctx: ServiceContext; input: { cycleId: string } }) {
  const user = requireStrategyOffice(ctx);
  const [cycle] = await ctx.db.select().from(reviewCycles).where(and(eq(reviewCycles.id, input.cycleId), eq(reviewCycles.organizationId, user.organizationId)));
  if (!cycle) throw notFound('review cycle');
  const to: CyclePhase | null = CYCLE_PHASES[CYCLE_PHASES.indexOf(cycle.phase) + 1] ?? null;
  const facts = await advanceFacts(ctx.db, ctx.clock, cycle);
  const blockers = to ? advanceBlockers(cycle.phase, facts) : [];
  const audience = to ? await phaseNoticeAudience(ctx.db, ctx.clock, cycle, to) : { departmentIds: [] };
  const [revisions] = to === 'act' ? await ctx.db.select({ n: count() }).from(proposals).where(and(eq(proposals.cycleId, cycle.id), eq(proposals.status, 'approved'), isNull(proposals.decisionId))) : [{ n: 0 }];
  return {
    cycle,
    to,
    blockers,
    /** Every blocker may be acknowledged: the page offers 「承知のうえで進める」. */
    acknowledgeable: blockers.length > 0 && blockers.every((b) => b.acknowledgeable),
    submissionsAwaitingReview: facts.submissionsAwaitingReview,
    departmentsNotified: audience.departmentIds.length,
    revisionsApplied: revisions!.n,
  };
}
