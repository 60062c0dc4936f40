/**
 * Decide: the strategy office approves or rejects a pending proposal, with a reason. Two
 * decisions on the same proposal at once: the cycle lock orders them and the second finds it
 * decided — a 409, never a silent overwrite. Approved revisions are applied when the cycle
 * enters Act.
 */
import { and, eq } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { proposals, reviewCycles } from '../../db/schema/index.ts';
import { canActFor, requireUser } from '../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { badRequest, conflict, notFound, problemAt } from '../errors.ts';
import { OrNull, Text } from '../input-schemas.ts';
import { assertActorMay, eventActor, lockCycle, transitionCycle } from './cycle-transition.ts';

const Reason = Text(2000);
/** The reason (required to reject) and the version the caller saw. */
export const DecideProposalBody = Type.Object({ reason: Type.Optional(OrNull(Reason)), expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })) });
/** The proposals page's reject form: the reason, which the service would refuse to go without. */
export const RejectionForm = Type.Object({ reason: Reason });

export async function decideProposal({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: Static<typeof DecideProposalBody> & { proposalId: string; decision: 'approve' | 'reject' };
}) {
  // Who may is the statechart's (ACTOR_GUARDS), asked in transitionCycle: a 403 from there.
  const user = requireUser(ctx);
  if (input.decision === 'reject' && !input.reason?.trim()) {
    throw badRequest('a rejection needs a reason', [problemAt('body.reason', { key: 'problems.rejectionReason' })]);
  }
  return withTransaction(ctx, async (tx) => {
    const [found] = await tx
      .select({ cycleId: proposals.cycleId, departmentId: proposals.departmentId })
      .from(proposals)
      .innerJoin(reviewCycles, eq(reviewCycles.id, proposals.cycleId))
      .where(and(eq(proposals.id, input.proposalId), eq(reviewCycles.organizationId, user.organizationId)));
    // A department sees its own proposals only: another's is "not found", like a random id.
    if (!found || !canActFor(user, found.departmentId ?? [])) throw notFound('proposal');
    const cycle = await lockCycle(tx, found.cycleId, user);
    const [proposal] = await tx.select().from(proposals).where(eq(proposals.id, input.proposalId));
    assertActorMay(ctx, cycle, { type: 'DECIDE_PROPOSAL', actor: eventActor(user), decision: input.decision, proposal: { status: proposal!.status } });
    if (input.expectedVersion !== undefined && proposal!.version !== input.expectedVersion) {
      throw conflict(`the proposal changed since you read it (version ${proposal!.version}, you had ${input.expectedVersion})`);
    }
    await transitionCycle(tx, ctx, cycle, { type: 'DECIDE_PROPOSAL', actor: eventActor(user), decision: input.decision, proposal: { status: proposal!.status } }, {
      proposalId: proposal!.id,
      decision: input.decision,
      reason: input.reason ?? null,
    });
    const [decided] = await tx
      .update(proposals)
      .set({
        status: input.decision === 'approve' ? 'approved' : 'rejected',
        decidedBy: user.id,
        decidedAt: ctx.clock.now(),
        decisionReason: input.reason ?? null,
        version: proposal!.version + 1,
      })
      .where(and(eq(proposals.id, proposal!.id), eq(proposals.status, 'pending'), eq(proposals.version, proposal!.version)))
      .returning();
    if (!decided) throw conflict('the proposal was decided by someone else');
    return decided;
  });
}
