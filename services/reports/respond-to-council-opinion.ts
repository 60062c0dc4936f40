/**
 * The strategy office records the city's response to a council opinion and the decisions it
 * led to, so the committee packet can trace each opinion to what changed. Answering again
 * replaces the response (the version guards against two people answering at once).
 */
import { and, eq, inArray } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { councilOpinionDecisions, councilOpinions, decisionLog } from '../../db/schema/index.ts';
import { requireStrategyOffice } from '../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { conflict, invalidInput, notFound, problemAt } from '../errors.ts';
import { Text } from '../input-schemas.ts';

export const RespondToCouncilOpinionBody = Type.Object({
  response: Text(),
  /** Decision-log entries the opinion led to; replaces any given before. */
  decisionIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 50 })),
  /** The version the answer was written against; a newer one is a 409. */
  expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
});
export type RespondToCouncilOpinionInput = Static<typeof RespondToCouncilOpinionBody> & { opinionId: string };

export async function respondToCouncilOpinion({ ctx, input }: { ctx: ServiceContext; input: RespondToCouncilOpinionInput }) {
  const user = requireStrategyOffice(ctx);
  return withTransaction(ctx, async (tx) => {
    const [opinion] = await tx
      .select()
      .from(councilOpinions)
      .where(and(eq(councilOpinions.id, input.opinionId), eq(councilOpinions.organizationId, user.organizationId)))
      .for('update');
    if (!opinion) throw notFound('council opinion');
    if (input.expectedVersion !== undefined && input.expectedVersion !== opinion.version) {
      throw conflict(`the opinion was changed meanwhile (version ${opinion.version}, not ${input.expectedVersion}); reload it`, { version: opinion.version });
    }
    const ids = [...new Set(input.decisionIds ?? [])];
    const found = ids.length ? await tx.select({ id: decisionLog.id }).from(decisionLog).where(and(inArray(decisionLog.id, ids), eq(decisionLog.planId, opinion.planId))) : [];
    const problems = (input.decisionIds ?? []).flatMap((id, i) => (found.some((f) => f.id === id) ? [] : [problemAt(`body.decisionIds[${i}]`, { key: 'problems.notInDecisionLog', params: { id } })]));
    if (!input.response.trim()) problems.unshift(problemAt('body.response', { key: 'problems.empty' }));
    if (problems.length) throw invalidInput(problems);

    const [updated] = await tx
      .update(councilOpinions)
      .set({ response: input.response.trim(), respondedBy: user.id, respondedAt: ctx.clock.now(), version: opinion.version + 1 })
      .where(and(eq(councilOpinions.id, opinion.id), eq(councilOpinions.version, opinion.version)))
      .returning();
    await tx.delete(councilOpinionDecisions).where(eq(councilOpinionDecisions.opinionId, opinion.id));
    if (ids.length) await tx.insert(councilOpinionDecisions).values(ids.map((decisionId) => ({ opinionId: opinion.id, decisionId })));
    return { ...updated!, decisionIds: ids };
  });
}
