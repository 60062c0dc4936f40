/**
 * Opens the review cycles of a fiscal year — for some measures or all of them — each with a
 * task per department per active project. Opening again is harmless: cycles that exist are
 * left as they are, so the collect-actuals job can run twice.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { measures, projectDepartments, projects, reviewCycles, reviewEvents, reviewTasks } from '../../db/schema/index.ts';
import { startCycle } from '../../workflows/review-cycle.runner.ts';
import { requireUserOrSystem } from '../auth/authorize.ts';
import Type, { type Static } from 'typebox';
import { withTransaction, type ServiceContext } from '../context.ts';
import { FiscalYear, IsoDate } from '../input-schemas.ts';
import { isCalendarDate } from '../input-formats.ts';
import { badRequest, forbidden } from '../errors.ts';
import { assertReviewablePlan } from '../plans/current-plan.ts';
import { findPlanInOrganization } from '../plans/find-plan.ts';
import { enqueueEffects } from './cycle-transition.ts';
import { mayOpenReviews } from './permissions.ts';

/** What the API's body and the board's form give. */
export const OpenCyclesBody = Type.Object({
  fiscalYear: FiscalYear,
  /** Measure numbers (施策①… as 1…); all measures when absent. */
  measureNumbers: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 99 }), { minItems: 1 })),
  /** `YYYY-MM-DD`; defaults to the plan's review calendar. */
  dueDate: Type.Optional(IsoDate),
});
export type OpenCyclesInput = Static<typeof OpenCyclesBody> & { planId: string };

export async function openCycles({ ctx, input }: { ctx: ServiceContext; input: OpenCyclesInput }) {
  // The worker opens every organization's reviews when collection opens; a user, their own.
  const user = requireUserOrSystem(ctx);
  if (user && !mayOpenReviews(user)) throw forbidden('only the strategy office may do this');
  const organizationId = user ? user.organizationId : undefined;
  const openedBy = user ? user.id : null;
  return withTransaction(ctx, async (tx) => {
    const plan = await findPlanInOrganization(tx, input.planId, organizationId);
    // A draft is still being written, a past plan is read only: reviews open on the current plan (services/plans/current-plan.ts).
    await assertReviewablePlan(tx, plan, input.fiscalYear, ctx.clock);
    const problems = [];
    if (input.fiscalYear < plan.periodStartFiscalYear || input.fiscalYear > plan.periodEndFiscalYear) {
      problems.push({ field: 'body.fiscalYear', message: `must be within the plan period ${plan.periodStartFiscalYear}–${plan.periodEndFiscalYear}` });
    }
    const dueDate = input.dueDate ?? defaultDueDate(input.fiscalYear);
    if (!isCalendarDate(dueDate)) problems.push({ field: 'body.dueDate', message: 'must be a date (YYYY-MM-DD)' });
    const planMeasures = await tx.select().from(measures).where(eq(measures.planId, plan.id)).orderBy(asc(measures.position));
    const chosen = input.measureNumbers ? planMeasures.filter((m) => input.measureNumbers!.includes(m.number)) : planMeasures;
    const unknown = (input.measureNumbers ?? []).filter((n) => !planMeasures.some((m) => m.number === n));
    if (unknown.length) problems.push({ field: 'body.measureNumbers', message: `no measure numbered ${unknown.join(', ')} in this plan` });
    if (problems.length) throw badRequest(problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);

    const existing = await tx
      .select({ measureId: reviewCycles.measureId })
      .from(reviewCycles)
      .where(and(eq(reviewCycles.fiscalYear, input.fiscalYear), inArray(reviewCycles.measureId, chosen.map((m) => m.id))));
    const toOpen = chosen.filter((m) => !existing.some((e) => e.measureId === m.id));
    const owners = toOpen.length
      ? await tx
          .select({ projectId: projects.id, measureId: projects.measureId, departmentId: projectDepartments.departmentId, position: projectDepartments.position })
          .from(projects)
          .innerJoin(projectDepartments, eq(projectDepartments.projectId, projects.id))
          .where(and(inArray(projects.measureId, toOpen.map((m) => m.id)), eq(projects.status, 'active')))
          .orderBy(asc(projects.position), asc(projectDepartments.position))
      : [];

    // One insert per table for all the measures: a prefecture opens thousands of cycles at once.
    const now = ctx.clock.now();
    const cycles = toOpen.map((measure) => {
      const cycleId = crypto.randomUUID();
      const step = startCycle({ cycleId, measureNumber: measure.number, fiscalYear: input.fiscalYear });
      const tasks = owners
        .filter((o) => o.measureId === measure.id)
        .map((o) => ({ cycleId, projectId: o.projectId, departmentId: o.departmentId, lead: o.position === 0, dueDate }));
      return { cycleId, measure, step, tasks };
    });
    if (cycles.length) {
      await tx.insert(reviewCycles).values(
        cycles.map(({ cycleId, measure, step }) => ({
          id: cycleId,
          organizationId: plan.organizationId,
          planId: plan.id,
          measureId: measure.id,
          fiscalYear: input.fiscalYear,
          phase: step.phase,
          machineVersion: step.machineVersion,
          snapshot: step.snapshot,
          dueDate,
          openedBy,
          openedAt: now,
          updatedAt: now,
        })),
      );
      const tasks = cycles.flatMap((c) => c.tasks);
      if (tasks.length) await tx.insert(reviewTasks).values(tasks);
      await tx
        .insert(reviewEvents)
        .values(cycles.map(({ cycleId, step, tasks }) => ({ cycleId, type: 'OPEN', phase: step.phase, actorId: openedBy, detail: { dueDate, tasks: tasks.length }, at: now })));
      await enqueueEffects(tx, cycles.flatMap(({ cycleId, step }) => step.effects.map((effect) => ({ cycleId, effect }))));
    }
    const opened = cycles.map(({ cycleId, measure, tasks }) => ({ cycleId, measureNumber: measure.number, tasks: tasks.length }));
    return { fiscalYear: input.fiscalYear, dueDate, opened, alreadyOpen: chosen.length - toOpen.length };
  });
}

/** Until the plan has its own review calendar: actuals are due on 30 June after the fiscal year closes. */
export const defaultDueDate = (fiscalYear: number) => `${fiscalYear + 1}-06-30`;

export { isCalendarDate };
