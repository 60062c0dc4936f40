/**
 * Amends the title and summary (施策概要) of an adopted plan's measure outside a review (改訂),
 * logged as a decision (施策内容変更). A measure keeps no versions of its own: the decision log's
 * before and after are its history, as for every revision.
 */
import { and, eq } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { measures } from '../../../db/schema/index.ts';
import { requireStrategyOffice } from '../../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../../context.ts';
import { conflict, notFound, problemAt, type FieldProblem } from '../../errors.ts';
import { Text } from '../../input-schemas.ts';
import { changedFields, lockAdoptedPlan, logAmendment, nextDecisionId } from './amendment.ts';
import { refuse } from './draft.ts';
import { Rationale } from './inputs.ts';

export const AmendMeasureBody = Type.Object({ title: Text(200), summary: Type.Optional(Text(4000)), rationale: Rationale });

export async function amendMeasure({ ctx, input }: { ctx: ServiceContext; input: Static<typeof AmendMeasureBody> & { measureId: string } }) {
  const user = requireStrategyOffice(ctx);
  return withTransaction(ctx, async (tx) => {
    const [found] = await tx.select({ planId: measures.planId }).from(measures).where(eq(measures.id, input.measureId));
    if (!found) throw notFound('measure');
    const plan = await lockAdoptedPlan(tx, user, found.planId, 'measure');
    const [measure] = await tx.select().from(measures).where(eq(measures.id, input.measureId));
    const { before, after } = changedFields({ title: measure!.title, summary: measure!.summary }, { title: input.title.trim(), summary: input.summary?.trim() || null });
    const problems: FieldProblem[] = [];
    if (!input.title.trim()) problems.push(problemAt('body.title', { key: 'problems.empty' }));
    else if (!Object.keys(after).length) problems.push(problemAt('body.title', { key: 'problems.noTitleOrSummaryChanged' }));
    if (!input.rationale.trim()) problems.push(problemAt('body.rationale', { key: 'problems.empty' }));
    if (problems.length) throw refuse(problems);

    const decisionId = await nextDecisionId(tx);
    // Conditional on what was read: the plan's lock makes a lost race unlikely, never silent.
    const [updated] = await tx
      .update(measures)
      .set(after)
      .where(and(eq(measures.id, measure!.id), eq(measures.title, measure!.title)))
      .returning();
    if (!updated) throw conflict({ key: 'refusals.amendedMeanwhile' });
    await logAmendment(tx, ctx, user, {
      id: decisionId,
      organizationId: plan.organizationId,
      planId: plan.id,
      marker: 'measure_changed',
      subject: { type: 'measure', id: measure!.id, code: `m${String(measure!.number).padStart(2, '0')}` },
      before,
      after,
      rationale: input.rationale.trim(),
    });
    return { decisionId, planId: plan.id };
  });
}
