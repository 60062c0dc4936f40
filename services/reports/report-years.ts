/**
 * The fiscal years a plan's reports have something to show for, so a page can offer a choice
 * instead of asking for a number: years with a review (the committee packet), years with
 * decisions (the revised strategy's markers), and the plan's period (publishing).
 */
import { asc, desc, eq } from 'drizzle-orm';
import { decisionLog, measures, reviewCycles } from '../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';
import { fiscalYearOf } from '../fiscal-year.ts';
import { findPlan } from '../plans/queries.ts';

export async function reportYears(ctx: ServiceContext, planId: string) {
  const plan = await findPlan(ctx, planId);
  const [reviewed, decided] = await Promise.all([
    ctx.db.selectDistinct({ fiscalYear: reviewCycles.fiscalYear }).from(reviewCycles).where(eq(reviewCycles.planId, plan.id)).orderBy(desc(reviewCycles.fiscalYear)),
    ctx.db.selectDistinct({ fiscalYear: decisionLog.fiscalYear }).from(decisionLog).where(eq(decisionLog.planId, plan.id)).orderBy(desc(decisionLog.fiscalYear)),
  ]);
  const period: number[] = [];
  for (let y = plan.periodEndFiscalYear; y >= plan.periodStartFiscalYear; y--) period.push(y);
  // The year to offer first: the current one within the plan, else the plan's last.
  const now = fiscalYearOf(ctx.clock.now());
  const current = Math.min(Math.max(now, plan.periodStartFiscalYear), plan.periodEndFiscalYear);
  return { plan, reviewYears: reviewed.map((r) => r.fiscalYear), revisionYears: decided.map((r) => r.fiscalYear), periodYears: period, currentYear: current };
}

/** The plan's measures by number and title, for choosing the one a council opinion is about. */
export async function measureChoices(ctx: ServiceContext, planId: string) {
  const plan = await findPlan(ctx, planId);
  return ctx.db.select({ number: measures.number, title: measures.title }).from(measures).where(eq(measures.planId, plan.id)).orderBy(asc(measures.position));
}
