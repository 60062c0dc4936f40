/** Amends the targets of an adopted plan's KPI or numeric target outside a review (改訂), logged as a decision. */
import { and, asc, eq } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { kpis, kpiValues } from '../../../db/schema/index.ts';
import { requireStrategyOffice } from '../../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../../context.ts';
import { type FieldProblem, notFound, problemAt } from '../../errors.ts';
import { fiscalYearOf } from '../../fiscal-year.ts';
import { rangeProblem, rangeWords, unitOf } from '../units.ts';
import { refuse } from './draft.ts';
import { lockAdoptedPlan, logAmendment, nextDecisionId } from './amendment.ts';
import { Rationale, TargetsByYear } from './inputs.ts';
import { periodWords } from '../find-plan.ts';

export const AmendKpiTargetsBody = Type.Object({ targets: TargetsByYear, rationale: Rationale });

export async function amendKpiTargets({ ctx, input }: { ctx: ServiceContext; input: Static<typeof AmendKpiTargetsBody> & { kpiId: string } }) {
  const user = requireStrategyOffice(ctx);
  return withTransaction(ctx, async (tx) => {
    const [kpi] = await tx.select().from(kpis).where(eq(kpis.id, input.kpiId));
    if (!kpi) throw notFound('KPI');
    const plan = await lockAdoptedPlan(tx, user, kpi.planId, 'KPI');
    // The target in force per year: the latest recorded.
    const inForce = new Map<number, number>();
    for (const v of await tx.select().from(kpiValues).where(and(eq(kpiValues.kpiId, kpi.id), eq(kpiValues.kind, 'target'))).orderBy(asc(kpiValues.id))) inForce.set(v.fiscalYear, v.value);

    const problems: FieldProblem[] = [];
    const unit = unitOf(kpi.unit);
    input.targets.forEach((t, i) => {
      if (t.fiscalYear < plan.periodStartFiscalYear || t.fiscalYear > plan.periodEndFiscalYear) {
        problems.push(problemAt(`body.targets[${i}].fiscalYear`, periodWords(plan)));
      }
      const range = t.value !== null && unit ? rangeProblem(unit.kind, t.value) : undefined;
      if (range) problems.push(problemAt(`body.targets[${i}].value`, rangeWords(range)));
    });
    // A year left empty keeps its target: values are history and are never deleted.
    const changed = input.targets.flatMap((t) => (t.value !== null && t.value !== inForce.get(t.fiscalYear) ? [{ fiscalYear: t.fiscalYear, value: t.value }] : []));
    if (!problems.length && !changed.length) problems.push(problemAt('body.targets', { key: 'problems.noTargetChanged' }));
    if (!input.rationale.trim()) problems.push(problemAt('body.rationale', { key: 'problems.empty' }));
    if (problems.length) throw refuse(problems);

    const decisionId = await nextDecisionId(tx);
    const now = ctx.clock.now();
    await tx.insert(kpiValues).values(
      changed.map((t) => ({
        kpiId: kpi.id,
        kind: 'target' as const,
        ...t,
        cumulative: kpi.cumulative,
        provenance: 'decision' as const,
        sourceRef: { decisionId, effectiveFiscalYear: fiscalYearOf(now) },
        recordedBy: user.id,
        recordedAt: now,
      })),
    );
    const before = changed.flatMap((t) => (inForce.has(t.fiscalYear) ? [{ fiscalYear: t.fiscalYear, value: inForce.get(t.fiscalYear)! }] : []));
    await logAmendment(tx, ctx, user, {
      id: decisionId,
      organizationId: plan.organizationId,
      planId: plan.id,
      marker: kpi.goalId ? 'numeric_target_changed' : 'target_changed',
      subject: { type: 'kpi', id: kpi.id, code: kpi.code },
      // The unit, so the log says 「82,000人」, not a bare number.
      before: { unit: kpi.unit, targets: before },
      after: { unit: kpi.unit, targets: changed },
      rationale: input.rationale.trim(),
    });
    return { decisionId, planId: plan.id, changed: changed.length };
  });
}
