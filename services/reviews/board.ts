/**
 * The OODA board of a plan for one fiscal year: every measure, with its cycle (if opened) and
 * the counts of open and overdue tasks — a department sees the cycles it has tasks in, with
 * its own counts. Without a year: the latest year with cycles, else the year just closed.
 */
import { asc, eq } from 'drizzle-orm';
import { measures } from '../../db/schema/index.ts';
import { requireUser } from '../auth/authorize.ts';
import type { ServiceContext } from '../context.ts';
import { fiscalYearOf } from '../fiscal-year.ts';
import { findPlan } from '../plans/queries.ts';
import { listCycles } from './cycle-queries.ts';
import { cycleActions, mayOpenReviews } from './permissions.ts';

export async function getBoard(ctx: ServiceContext, planId: string, fiscalYear?: number) {
  const user = requireUser(ctx);
  const plan = await findPlan(ctx, planId);
  const [all, planMeasures] = await Promise.all([
    listCycles(ctx, planId),
    ctx.db.select({ id: measures.id, number: measures.number, title: measures.title }).from(measures).where(eq(measures.planId, planId)).orderBy(asc(measures.position)),
  ]);
  const clamp = (fy: number) => Math.min(plan.periodEndFiscalYear, Math.max(plan.periodStartFiscalYear, fy));
  const year = fiscalYear ?? (all.length ? Math.max(...all.map((c) => c.fiscalYear)) : clamp(fiscalYearOf(ctx.clock.now()) - 1));
  const cycles = all.filter((c) => c.fiscalYear === year).map(({ snapshot, machineVersion, ...c }) => ({ ...c, canAdvance: cycleActions(ctx, user, { snapshot, machineVersion }).advance }));
  return {
    plan,
    canOpen: mayOpenReviews(user),
    fiscalYear: year,
    years: Array.from({ length: plan.periodEndFiscalYear - plan.periodStartFiscalYear + 1 }, (_, i) => plan.periodStartFiscalYear + i),
    rows: planMeasures.map((m) => ({ measure: m, cycle: cycles.find((c) => c.measureId === m.id) ?? null })),
  };
}
