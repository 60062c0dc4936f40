/**
 * Amends the name and note (注記) of an adopted plan's KPI or numeric target outside a review
 * (改訂): a new KPI version, logged as a decision. Its unit, 累計 and direction are not amended
 * here: they change how every value already recorded is read and judged, so they change only by
 * a review's revision (ＫＰＩ変更), where the department proposes and the committee decides.
 */
import { eq } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { kpis } from '../../../db/schema/index.ts';
import { requireStrategyOffice } from '../../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../../context.ts';
import { notFound, problemAt, type FieldProblem } from '../../errors.ts';
import { Text } from '../../input-schemas.ts';
import { changedFields, lockAdoptedPlan, logAmendment, newKpiVersion, nextDecisionId } from './amendment.ts';
import { refuse } from './draft.ts';
import { Rationale } from './inputs.ts';

export const AmendKpiDefinitionBody = Type.Object({ name: Text(200), note: Type.Optional(Text(4000)), rationale: Rationale });

export async function amendKpiDefinition({ ctx, input }: { ctx: ServiceContext; input: Static<typeof AmendKpiDefinitionBody> & { kpiId: string } }) {
  const user = requireStrategyOffice(ctx);
  return withTransaction(ctx, async (tx) => {
    const [found] = await tx.select({ planId: kpis.planId }).from(kpis).where(eq(kpis.id, input.kpiId));
    if (!found) throw notFound('KPI');
    const plan = await lockAdoptedPlan(tx, user, found.planId, 'KPI');
    // Read under the plan's lock: the version the change builds on.
    const [kpi] = await tx.select().from(kpis).where(eq(kpis.id, input.kpiId));
    const { before, after } = changedFields({ name: kpi!.name, note: kpi!.note }, { name: input.name.trim(), note: input.note?.trim() || null });
    const problems: FieldProblem[] = [];
    if (!input.name.trim()) problems.push(problemAt('body.name', { key: 'problems.empty' }));
    else if (!Object.keys(after).length) problems.push(problemAt('body.name', { key: 'problems.noNameOrNoteChanged' }));
    if (!input.rationale.trim()) problems.push(problemAt('body.rationale', { key: 'problems.empty' }));
    if (problems.length) throw refuse(problems);

    const decisionId = await nextDecisionId(tx);
    const updated = await newKpiVersion(tx, kpi!, after, { decisionId, now: ctx.clock.now() });
    await logAmendment(tx, ctx, user, {
      id: decisionId,
      organizationId: plan.organizationId,
      planId: plan.id,
      marker: kpi!.goalId ? 'numeric_target_changed' : 'kpi_changed',
      subject: { type: 'kpi', id: kpi!.id, code: kpi!.code },
      before,
      after: { ...after, version: updated.version },
      rationale: input.rationale.trim(),
    });
    return { decisionId, planId: plan.id };
  });
}
