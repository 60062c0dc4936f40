/**
 * collect-actuals (a step of the plan's daily run): when collection opens for the fiscal year
 * just closed, open all its cycles, due on the calendar's date (services/calendar/season.ts `defaultDueDate`). Again is harmless: cycles that
 * exist are left as they are (open-cycles.ts, whose transaction this joins: its cycle events
 * are the record and its outbox rows the announcements).
 */
import { eq } from 'drizzle-orm';
import type { Static } from 'typebox';
import { plans } from '../../db/schema/index.ts';
import { calendarOf } from '../calendar/review-calendar.ts';
import { seasonOf } from '../calendar/season.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { checkSystemWork } from '../system-work.ts';
import { fiscalYearOf } from '../fiscal-year.ts';
import { JOB_PAYLOADS } from '../outbox/job-payloads.ts';
import { reviewRunsOn, standingOfPlan } from '../plans/current-plan.ts';
import { openCycles } from './open-cycles.ts';

/** The plan and the day of its daily run (the run's own payload). */
export const CollectActualsInput = JOB_PAYLOADS['plan-daily-run'];

/** How many cycles it opened. */
export async function collectActuals({ ctx, input }: { ctx: ServiceContext; input: Static<typeof CollectActualsInput> }): Promise<number> {
  checkSystemWork(ctx, CollectActualsInput, input, 'opening collection');
  const { planId, date } = input;
  return withTransaction(ctx, async (tx) => {
    const [plan] = await tx.select().from(plans).where(eq(plans.id, planId));
    const fiscalYear = fiscalYearOf(new Date(`${date}T12:00:00+09:00`)) - 1;
    if (!plan || fiscalYear < plan.periodStartFiscalYear || fiscalYear > plan.periodEndFiscalYear) return 0;
    // Reviews run on the current plan, and on a past plan for its final year (services/plans/current-plan.ts).
    if (!reviewRunsOn(plan, await standingOfPlan(tx, plan, ctx.clock), fiscalYear)) return 0;
    const season = seasonOf(await calendarOf(tx, planId), fiscalYear);
    if (date < season.opens) return 0;
    // Due on the calendar's date (open-cycles' default), or, when the run comes after it, as long from today as the season lasts.
    const result = await openCycles({ ctx: { ...ctx, db: tx }, input: { planId, fiscalYear } });
    return result.opened.length;
  });
}
