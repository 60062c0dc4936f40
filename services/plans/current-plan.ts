/**
 * Which of an organization's plans is current: the one reviews open on and the menu's dashboard
 * lands on. Earlier plans stay readable and are never written again; a later one (the next
 * period being prepared) is not current yet but may still be filled in.
 *
 * The rule, in one place: among the plans that may be current, the one whose period covers
 * today's fiscal year; else the latest that has started; else the earliest (every plan lies in
 * the future). Drafts are never current: when plans get a status, `mayBeCurrent` is where that
 * condition goes.
 */
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { plans } from '../../db/schema/index.ts';
import type { Clock } from '../context.ts';
import { conflict } from '../errors.ts';
import { fiscalYearOf } from '../fiscal-year.ts';

type PlanPeriod = { id: string; periodStartFiscalYear: number; periodEndFiscalYear: number };

/** Whether a plan takes part in choosing the current one (drafts will not). */
const mayBeCurrent = (_plan: PlanPeriod) => true;

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

/** A plan relative to the current one: earlier plans are past (read only), later ones next. */
export type PlanStanding = 'current' | 'past' | 'next';

export function standingOf(plan: PlanPeriod, current: PlanPeriod | null): PlanStanding {
  if (!current || plan.id === current.id) return 'current';
  return plan.periodStartFiscalYear < current.periodStartFiscalYear ? 'past' : 'next';
}

/** The organization's current plan today, or null when it has none. */
export async function currentPlanOf(db: DbOrTx, organizationId: string, clock: Clock) {
  const list = await db.select().from(plans).where(eq(plans.organizationId, organizationId)).orderBy(asc(plans.periodStartFiscalYear));
  return pickCurrentPlan(list, fiscalYearOf(clock.now()));
}

export async function standingOfPlan(db: DbOrTx, plan: PlanPeriod & { organizationId: string }, clock: Clock): Promise<PlanStanding> {
  return standingOf(plan, await currentPlanOf(db, plan.organizationId, clock));
}

/** Reviews open only on the current plan: a 409 naming the plan otherwise. */
export async function assertCurrentPlan(db: DbOrTx, plan: PlanPeriod & { organizationId: string; name: string }, clock: Clock) {
  const current = await currentPlanOf(db, plan.organizationId, clock);
  if (standingOf(plan, current) === 'current') return;
  throw conflict(`reviews open only on the current plan (${current!.name}), not on ${plan.name}`, {
    messageJa: `調査は現行の計画（${current!.name}）でのみ開始できます。${plan.name}は現行の計画ではありません。`,
  });
}

/** A past plan is read only: a 409 for any write to its content (a KPI's values, a revision, an edit). */
export async function assertWritablePlan(db: DbOrTx, planId: string, clock: Clock) {
  const [plan] = await db.select().from(plans).where(eq(plans.id, planId));
  if (!plan || (await standingOfPlan(db, plan, clock)) !== 'past') return;
  throw conflict(`${plan.name} is a past plan: it can be read but no longer changed`, {
    messageJa: `${plan.name}は終了した期間の計画のため、閲覧のみできます（変更できません）。`,
  });
}
