/**
 * Opens the review cycles of a fiscal year — for some measures or all of them — each with a
 * task per department per active project, and tells each department at once. Opening again is
 * harmless: cycles that exist are left as they are, so the collect-actuals job can run twice.
 * The due date is the one given, else the plan's review calendar's (services/calendar/season.ts
 * `defaultDueDate`); a date already past is refused.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { departments, measures, projectDepartments, projects, reviewCycles, reviewEvents, reviewTasks } from '../../db/schema/index.ts';
import { stepKey, type ReminderStep } from '../../templates/emails/reminder.ts';
import { startCycle } from '../../workflows/review-cycle.runner.ts';
import { requireUser, requireUserOrSystem } from '../auth/authorize.ts';
import Type, { type Static } from 'typebox';
import { calendarOf } from '../calendar/review-calendar.ts';
import { defaultDueDate, reminderStep } from '../calendar/season.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { isoDateInTokyo } from '../fiscal-year.ts';
import { enqueueMany } from '../outbox/enqueue.ts';
import { FiscalYear, IsoDate } from '../input-schemas.ts';
import { isCalendarDate } from '../input-formats.ts';
import { type FieldProblem, forbidden, invalidInput, problemAt } from '../errors.ts';
import { assertReviewablePlan } from '../plans/current-plan.ts';
import { findPlanInOrganization, periodWords } from '../plans/find-plan.ts';
import { enqueueEffects } from './cycle-transition.ts';
import { mayOpenReviews } from './permissions.ts';

/** What the API's body and the board's form give. */
export const OpenCyclesBody = Type.Object({
  fiscalYear: FiscalYear,
  /** Measure numbers (施策①… as 1…); all measures when absent. */
  measureNumbers: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 99 }), { minItems: 1 })),
  /** `YYYY-MM-DD`, not before today; defaults to the plan's review calendar (`defaultDueDate`). */
  dueDate: Type.Optional(IsoDate),
});
export type OpenCyclesInput = Static<typeof OpenCyclesBody> & { planId: string };

/**
 * What opening would do, read in the caller's transaction: the plan, the due date (the one
 * given, else the calendar's rule), the measures to open and those already open, and each new
 * task's project and department. Problems with the input are a 400 naming the field.
 */
async function planOpening(tx: DbOrTx, ctx: ServiceContext, input: OpenCyclesInput, organizationId: string | undefined) {
  const plan = await findPlanInOrganization(tx, input.planId, organizationId);
  // A draft is still being written, a past plan is read only: reviews open on the current plan (services/plans/current-plan.ts).
  await assertReviewablePlan(tx, plan, input.fiscalYear, ctx.clock);
  const today = isoDateInTokyo(ctx.clock.now());
  const problems: FieldProblem[] = [];
  if (input.fiscalYear < plan.periodStartFiscalYear || input.fiscalYear > plan.periodEndFiscalYear) {
    problems.push(problemAt('body.fiscalYear', periodWords(plan)));
  }
  const calendar = await calendarOf(tx, plan.id);
  const dueDate = input.dueDate ?? defaultDueDate(calendar, input.fiscalYear, today);
  if (!isCalendarDate(dueDate)) problems.push(problemAt('body.dueDate', { key: 'problems.invalidDate' }));
  // A season opened already late would greet every department with an overdue reminder. The
  // system (daily run, command line, tests replaying a past season) may record one as it was.
  else if (dueDate < today && ctx.actor.type === 'user') problems.push(problemAt('body.dueDate', { key: 'problems.notInPast', params: { today } }));
  const planMeasures = await tx.select().from(measures).where(eq(measures.planId, plan.id)).orderBy(asc(measures.position));
  const chosen = input.measureNumbers ? planMeasures.filter((m) => input.measureNumbers!.includes(m.number)) : planMeasures;
  const unknown = (input.measureNumbers ?? []).filter((n) => !planMeasures.some((m) => m.number === n));
  if (unknown.length) problems.push(problemAt('body.measureNumbers', { key: 'problems.noSuchMeasure', params: { number: unknown.join(', ') } }));
  if (problems.length) throw invalidInput(problems);

  const existing = chosen.length
    ? await tx
        .select({ measureId: reviewCycles.measureId })
        .from(reviewCycles)
        .where(and(eq(reviewCycles.fiscalYear, input.fiscalYear), inArray(reviewCycles.measureId, chosen.map((m) => m.id))))
    : [];
  const toOpen = chosen.filter((m) => !existing.some((e) => e.measureId === m.id));
  const owners = toOpen.length
    ? await tx
        .select({ projectId: projects.id, measureId: projects.measureId, departmentId: projectDepartments.departmentId, position: projectDepartments.position })
        .from(projects)
        .innerJoin(projectDepartments, eq(projectDepartments.projectId, projects.id))
        .where(and(inArray(projects.measureId, toOpen.map((m) => m.id)), eq(projects.status, 'active')))
        .orderBy(asc(projects.position), asc(projectDepartments.position))
    : [];
  return { plan, calendar, today, dueDate, chosen, toOpen, owners };
}

/**
 * What opening would do, without doing it: the confirmation page's numbers (measures opened,
 * tasks created, departments told, the due date and when they are told).
 */
export async function previewOpenCycles({ ctx, input }: { ctx: ServiceContext; input: OpenCyclesInput }) {
  const user = requireUser(ctx);
  if (!mayOpenReviews(user)) throw forbidden('only the strategy office may do this');
  const { dueDate, chosen, toOpen, owners } = await planOpening(ctx.db, ctx, input, user.organizationId);
  const departmentIds = [...new Set(owners.map((o) => o.departmentId))];
  const names = departmentIds.length ? await ctx.db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, departmentIds)).orderBy(asc(departments.name)) : [];
  return {
    fiscalYear: input.fiscalYear,
    dueDate,
    measures: toOpen.map((m) => ({ number: m.number, title: m.title })),
    alreadyOpen: chosen.filter((m) => !toOpen.includes(m)).map((m) => ({ number: m.number, title: m.title })),
    tasks: owners.length,
    departments: names.map((d) => d.name),
  };
}

export async function openCycles({ ctx, input }: { ctx: ServiceContext; input: OpenCyclesInput }) {
  // The worker opens every organization's reviews when collection opens; a user, their own.
  const user = requireUserOrSystem(ctx);
  if (user && !mayOpenReviews(user)) throw forbidden('only the strategy office may do this');
  const organizationId = user ? user.organizationId : undefined;
  const openedBy = user ? user.id : null;
  return withTransaction(ctx, async (tx) => {
    const { plan, calendar, today, dueDate, chosen, toOpen, owners } = await planOpening(tx, ctx, input, organizationId);

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
      await enqueueKickoff(tx, plan.id, input.fiscalYear, dueDate, [...new Set(tasks.map((t) => t.departmentId))], reminderStep(calendar, dueDate, today));
    }
    const opened = cycles.map(({ cycleId, measure, tasks }) => ({ cycleId, measureNumber: measure.number, tasks: tasks.length }));
    return { fiscalYear: input.fiscalYear, dueDate, opened, alreadyOpen: chosen.length - toOpen.length };
  });
}

/**
 * The departments hear at once, not at the next daily run: the reminder the season has reached
 * today (the kick-off, unless the due date is near), one per department, under the same
 * reason key the daily run uses, so it is sent once.
 */
async function enqueueKickoff(tx: Tx, planId: string, fiscalYear: number, dueDate: string, departmentIds: string[], step: ReminderStep) {
  const payload = { planId, fiscalYear, dueDate, step, stepKey: stepKey(step) };
  await enqueueMany(tx, departmentIds.map((departmentId) => ({ job: 'send-reminder' as const, payload: { ...payload, departmentId } })));
}

export { isCalendarDate };
