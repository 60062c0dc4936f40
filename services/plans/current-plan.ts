/**
 * Which of an organization's plans is current: the one reviews open on and the menu's dashboard
 * lands on. Earlier plans stay readable and are never written again, with one exception: the
 * review of a plan's final year (its actuals come in after the next period has begun). A later
 * plan (the next period being prepared) is not current yet but may still be filled in.
 *
 * The rule, in one place: among the adopted plans (a draft is never current), the one whose
 * period covers today's fiscal year; else the latest that has started; else the earliest (every
 * plan lies in the future).
 */
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { plans } from '../../db/schema/index.ts';
import type { Clock } from '../context.ts';
import { conflict } from '../errors.ts';
import { fiscalYearOf } from '../fiscal-year.ts';

type PlanPeriod = { id: string; periodStartFiscalYear: number; periodEndFiscalYear: number; status: string };

/** Whether a plan takes part in choosing the current one: a draft is still being written. */
const mayBeCurrent = (plan: PlanPeriod) => plan.status === 'adopted';

/** The current plan among an organization's plans in today's fiscal year (pure). */
export function pickCurrentPlan<P extends PlanPeriod>(list: readonly P[], fiscalYear: number): P | null {
  const candidates = [...list].filter(mayBeCurrent).sort((a, b) => a.periodStartFiscalYear - b.periodStartFiscalYear);
  return (
    candidates.find((p) => p.periodStartFiscalYear <= fiscalYear && fiscalYear <= p.periodEndFiscalYear) ??
    candidates.filter((p) => p.periodStartFiscalYear <= fiscalYear).at(-1) ??
    candidates[0] ??
    null
  );
}

/** A plan relative to the current one: earlier plans are past (read only), later ones next, drafts draft. */
export type PlanStanding = 'current' | 'past' | 'next' | 'draft';

export function standingOf(plan: PlanPeriod, current: PlanPeriod | null): PlanStanding {
  if (!mayBeCurrent(plan)) return 'draft';
  if (!current || plan.id === current.id) return 'current';
  return plan.periodStartFiscalYear < current.periodStartFiscalYear ? 'past' : 'next';
}

/** Whether a review of `fiscalYear` runs on a plan of this standing: the current plan's, and a past plan's final year. */
export const reviewRunsOn = (plan: PlanPeriod, standing: PlanStanding, fiscalYear: number) =>
  standing === 'current' || (standing === 'past' && fiscalYear === plan.periodEndFiscalYear);

/** The organization's current plan today, or null when it has none. */
export async function currentPlanOf(db: DbOrTx, organizationId: string, clock: Clock) {
  const list = await db.select().from(plans).where(eq(plans.organizationId, organizationId)).orderBy(asc(plans.periodStartFiscalYear));
  return pickCurrentPlan(list, fiscalYearOf(clock.now()));
}

export async function standingOfPlan(db: DbOrTx, plan: PlanPeriod & { organizationId: string }, clock: Clock): Promise<PlanStanding> {
  return standingOf(plan, await currentPlanOf(db, plan.organizationId, clock));
}

/** Reviews open on the current plan (and a past plan's final year): a 409 naming the plan otherwise. */
export async function assertReviewablePlan(db: DbOrTx, plan: PlanPeriod & { organizationId: string; name: string }, fiscalYear: number, clock: Clock) {
  const current = await currentPlanOf(db, plan.organizationId, clock);
  const standing = standingOf(plan, current);
  if (reviewRunsOn(plan, standing, fiscalYear)) return;
  if (standing === 'draft') throw conflict({ key: 'refusals.planDraftReview' });
  throw conflict({ key: 'refusals.notCurrentPlan', params: { current: current?.name ?? '', plan: plan.name } });
}

/** A past plan is read only: a 409 for any write to its content, except its final year's review. */
export async function assertWritablePlan(db: DbOrTx, planId: string, fiscalYear: number, clock: Clock) {
  const [plan] = await db.select().from(plans).where(eq(plans.id, planId));
  if (!plan) return;
  const standing = await standingOfPlan(db, plan, clock);
  if (standing !== 'past' || reviewRunsOn(plan, standing, fiscalYear)) return;
  throw conflict({ key: 'refusals.pastPlan', params: { plan: plan.name } });
}
