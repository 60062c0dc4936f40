/**
 * The season at a glance (the strategy office's and admins' view of one plan's fiscal year):
 * per measure and per department, tasks by status and overdue, explanations and assessments
 * still missing, proposals pending, and the totals. A handful of grouped reads (one per table),
 * never one per measure; filtered by phase, department and overdue, sorted by a chosen count.
 */
import { and, asc, eq, inArray, max, sql } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { departments, kpiExplanations, measures, projectAssessments, proposals, reviewCycles, reviewTasks } from '../../db/schema/index.ts';
import { CYCLE_PHASES, TASK_STATUSES, type CyclePhase } from '../../db/schema/reviews/constants.ts';
import { requireStrategyOffice } from '../auth/authorize.ts';
import type { ServiceContext } from '../context.ts';
import { fiscalYearOf, isoDateInTokyo } from '../fiscal-year.ts';
import { FiscalYear, Uuid } from '../input-schemas.ts';
import { findPlan } from '../plans/queries.ts';
import { assessMeasuresKpis, needsExplanation } from './assess-cycle.ts';
import { listProposals } from './cycle-queries.ts';
import { listTasks } from './task-queries.ts';

export const SEASON_SORTS = ['measure', 'overdue', 'open', 'submitted'] as const;
export type SeasonSort = (typeof SEASON_SORTS)[number];

/** The season page's and the API's query: every part optional, nothing else accepted. */
export const SeasonQuery = Type.Object({
  fiscalYear: Type.Optional(FiscalYear),
  phase: Type.Optional(Type.Enum(CYCLE_PHASES)),
  departmentId: Type.Optional(Uuid),
  overdue: Type.Optional(Type.Boolean()),
  sort: Type.Optional(Type.Enum(SEASON_SORTS)),
});
export type SeasonInput = Static<typeof SeasonQuery> & { planId: string };

export const SEASON_COUNTS = ['open', 'submitted', 'returned', 'accepted', 'waived', 'overdue', 'explanationsMissing', 'assessmentsMissing', 'proposalsPending'] as const;
export type SeasonCounts = Record<(typeof SEASON_COUNTS)[number] | 'total', number>;

const zero = (): SeasonCounts => ({ total: 0, open: 0, submitted: 0, returned: 0, accepted: 0, waived: 0, overdue: 0, explanationsMissing: 0, assessmentsMissing: 0, proposalsPending: 0 });
const add = (into: SeasonCounts, from: Partial<SeasonCounts>) => {
  for (const [k, v] of Object.entries(from)) into[k as keyof SeasonCounts] += v ?? 0;
};

/** Explanations and assessments are asked for while the cycle is in Orient (and still shown in Decide). */
const JUDGING: CyclePhase[] = ['orient', 'decide'];

export async function getSeason({ ctx, input }: { ctx: ServiceContext; input: SeasonInput }) {
  requireStrategyOffice(ctx);
  const plan = await findPlan(ctx, input.planId);
  const fiscalYear = input.fiscalYear ?? (await defaultYear(ctx, plan));
  const today = isoDateInTokyo(ctx.clock.now());

  const rows = await ctx.db
    .select({ id: measures.id, number: measures.number, title: measures.title, cycleId: reviewCycles.id, phase: reviewCycles.phase, dueDate: reviewCycles.dueDate })
    .from(measures)
    .leftJoin(reviewCycles, and(eq(reviewCycles.measureId, measures.id), eq(reviewCycles.fiscalYear, fiscalYear)))
    .where(eq(measures.planId, plan.id))
    .orderBy(asc(measures.position));
  const cycleIds = rows.flatMap((r) => (r.cycleId ? [r.cycleId] : []));
  const judging = rows.filter((r) => r.cycleId && JUDGING.includes(r.phase!));
  const counted = (status: string) => sql<number>`(count(*) filter (where ${reviewTasks.status} = ${status}))::int`;

  const [taskGroups, proposalGroups, leadTasks, assessed, explained] = cycleIds.length
    ? await Promise.all([
        ctx.db
          .select({
            cycleId: reviewTasks.cycleId,
            departmentId: departments.id,
            departmentName: departments.name,
            departmentCode: departments.code,
            total: sql<number>`count(*)::int`,
            open: counted('open'),
            submitted: counted('submitted'),
            returned: counted('returned'),
            accepted: counted('accepted'),
            waived: counted('waived'),
            overdue: sql<number>`(count(*) filter (where ${reviewTasks.status} in ('open', 'returned') and ${reviewTasks.dueDate} < ${today}))::int`,
          })
          .from(reviewTasks)
          .innerJoin(departments, eq(departments.id, reviewTasks.departmentId))
          .where(inArray(reviewTasks.cycleId, cycleIds))
          .groupBy(reviewTasks.cycleId, departments.id),
        ctx.db
          .select({ cycleId: proposals.cycleId, departmentId: proposals.departmentId, n: sql<number>`count(*)::int` })
          .from(proposals)
          .where(and(inArray(proposals.cycleId, cycleIds), eq(proposals.status, 'pending')))
          .groupBy(proposals.cycleId, proposals.departmentId),
        // The lead tasks of the cycles being judged: whose explanations and assessments are awaited.
        judging.length
          ? ctx.db
              .select({ cycleId: reviewTasks.cycleId, projectId: reviewTasks.projectId, departmentId: reviewTasks.departmentId, status: reviewTasks.status })
              .from(reviewTasks)
              .where(and(inArray(reviewTasks.cycleId, judging.map((r) => r.cycleId!)), eq(reviewTasks.lead, true)))
          : [],
        judging.length ? ctx.db.selectDistinct({ cycleId: projectAssessments.cycleId, projectId: projectAssessments.projectId }).from(projectAssessments).where(inArray(projectAssessments.cycleId, judging.map((r) => r.cycleId!))) : [],
        judging.length ? ctx.db.selectDistinct({ cycleId: kpiExplanations.cycleId, kpiId: kpiExplanations.kpiId }).from(kpiExplanations).where(inArray(kpiExplanations.cycleId, judging.map((r) => r.cycleId!))) : [],
      ])
    : [[], [], [], [], []];
  const kpiRows = await assessMeasuresKpis(ctx.db, ctx.clock, { planId: plan.id, fiscalYear }, judging.map((r) => r.id));

  // Every count as (cycle, department) pieces; the department is null for what belongs to none (the office's proposals).
  type Piece = { cycleId: string; departmentId: string | null; counts: Partial<SeasonCounts> };
  const pieces: Piece[] = taskGroups.map(({ cycleId, departmentId, departmentName: _n, departmentCode: _c, ...counts }) => ({ cycleId, departmentId, counts }));
  for (const p of proposalGroups) pieces.push({ cycleId: p.cycleId, departmentId: p.departmentId, counts: { proposalsPending: p.n } });
  const key = (cycleId: string, id: string) => `${cycleId}/${id}`;
  const done = new Set(assessed.map((a) => key(a.cycleId, a.projectId)));
  const leadOf = new Map(leadTasks.map((t) => [key(t.cycleId, t.projectId), t.departmentId]));
  for (const t of leadTasks) if (t.status !== 'waived' && !done.has(key(t.cycleId, t.projectId))) pieces.push({ cycleId: t.cycleId, departmentId: t.departmentId, counts: { assessmentsMissing: 1 } });
  const explainedSet = new Set(explained.map((e) => key(e.cycleId, e.kpiId)));
  const cycleOfMeasure = new Map(judging.map((r) => [r.id, r.cycleId!]));
  for (const k of kpiRows) {
    const cycleId = cycleOfMeasure.get(k.measureId)!;
    if (needsExplanation(k.assessment) && !explainedSet.has(key(cycleId, k.kpi.id))) pieces.push({ cycleId, departmentId: leadOf.get(key(cycleId, k.projectId)) ?? null, counts: { explanationsMissing: 1 } });
  }

  const departmentChoices = [...new Map(taskGroups.map((g) => [g.departmentId, { id: g.departmentId, name: g.departmentName, code: g.departmentCode }])).values()].sort((a, b) => a.code.localeCompare(b.code));
  const phaseOf = new Map(rows.flatMap((r) => (r.cycleId ? [[r.cycleId, r.phase!] as const] : [])));
  const kept = pieces.filter((p) => (!input.phase || phaseOf.get(p.cycleId) === input.phase) && (!input.departmentId || p.departmentId === input.departmentId));

  const measureRows = rows
    .filter((r) => (!input.phase || r.phase === input.phase) && (!input.departmentId || taskGroups.some((g) => g.cycleId === r.cycleId && g.departmentId === input.departmentId)))
    .map((r) => {
      const counts = zero();
      for (const p of kept) if (p.cycleId === r.cycleId) add(counts, p.counts);
      return { measure: { id: r.id, number: r.number, title: r.title }, cycle: r.cycleId ? { id: r.cycleId, phase: r.phase!, dueDate: r.dueDate! } : null, counts };
    });
  const departmentRows = departmentChoices
    .filter((d) => !input.departmentId || d.id === input.departmentId)
    .map((d) => {
      const counts = zero();
      for (const p of kept) if (p.departmentId === d.id) add(counts, p.counts);
      return { department: { id: d.id, name: d.name, code: d.code }, counts };
    })
    .filter((d) => d.counts.total > 0 || d.counts.proposalsPending > 0);

  const overdueOnly = <T extends { counts: SeasonCounts }>(list: T[]) => (input.overdue ? list.filter((x) => x.counts.overdue > 0) : list);
  const sort = input.sort ?? 'measure';
  const measuresShown = sortBy(overdueOnly(measureRows), sort);
  const totals = zero();
  for (const m of measuresShown) add(totals, m.counts);
  return {
    plan: { id: plan.id, name: plan.name },
    fiscalYear,
    years: yearsOf(plan),
    filter: { phase: input.phase ?? null, departmentId: input.departmentId ?? null, overdue: input.overdue ?? false, sort },
    departmentChoices: departmentChoices.map(({ id, name }) => ({ id, name })),
    measures: measuresShown,
    departments: sortBy(overdueOnly(departmentRows), sort),
    totals,
  };
}

/** A count's order, largest first; ties (and the default) keep the plan's order (measures) or the department codes. */
function sortBy<T extends { counts: SeasonCounts }>(list: T[], sort: SeasonSort): T[] {
  if (sort === 'measure') return list;
  const value = (x: T) => (sort === 'open' ? x.counts.open + x.counts.returned : x.counts[sort]);
  return [...list].sort((a, b) => value(b) - value(a));
}

const yearsOf = (plan: { periodStartFiscalYear: number; periodEndFiscalYear: number }) =>
  Array.from({ length: plan.periodEndFiscalYear - plan.periodStartFiscalYear + 1 }, (_, i) => plan.periodStartFiscalYear + i);

/** The latest year with cycles, else the year just closed (within the plan's period), as the board chooses. */
async function defaultYear(ctx: ServiceContext, plan: { id: string; periodStartFiscalYear: number; periodEndFiscalYear: number }) {
  const [latest] = await ctx.db.select({ year: max(reviewCycles.fiscalYear) }).from(reviewCycles).where(eq(reviewCycles.planId, plan.id));
  if (latest?.year) return latest.year;
  return Math.min(plan.periodEndFiscalYear, Math.max(plan.periodStartFiscalYear, fiscalYearOf(ctx.clock.now()) - 1));
}

export const SEASON_TASK_STATUSES = [...TASK_STATUSES, 'overdue'] as const;

/** The list behind a count of the season view: its year, phase, department, measure and status. */
export const SeasonTasksQuery = Type.Object({
  fiscalYear: Type.Optional(FiscalYear),
  phase: Type.Optional(Type.Enum(CYCLE_PHASES)),
  departmentId: Type.Optional(Uuid),
  measureId: Type.Optional(Uuid),
  status: Type.Optional(Type.Enum(SEASON_TASK_STATUSES)),
});

export async function listSeasonTasks({ ctx, input }: { ctx: ServiceContext; input: Static<typeof SeasonTasksQuery> & { planId: string } }) {
  requireStrategyOffice(ctx);
  const plan = await findPlan(ctx, input.planId);
  const fiscalYear = input.fiscalYear ?? (await defaultYear(ctx, plan));
  const { status } = input;
  const tasks = await listTasks(ctx, {
    planId: plan.id,
    fiscalYear,
    phase: input.phase,
    departmentId: input.departmentId,
    measureId: input.measureId,
    status: status && status !== 'overdue' ? [status] : undefined,
    overdue: status === 'overdue',
    limit: SEASON_LIST_LIMIT,
  });
  return { plan: { id: plan.id, name: plan.name }, fiscalYear, years: yearsOf(plan), tasks };
}

/** The pending proposals of one plan's fiscal year (the season's queue for deciding several at once). */
export async function listSeasonProposals({ ctx, input }: { ctx: ServiceContext; input: { planId: string; fiscalYear?: number } }) {
  requireStrategyOffice(ctx);
  const plan = await findPlan(ctx, input.planId);
  const fiscalYear = input.fiscalYear ?? (await defaultYear(ctx, plan));
  const pending = await listProposals(ctx, { planId: plan.id, status: ['pending'] });
  return { plan: { id: plan.id, name: plan.name }, fiscalYear, years: yearsOf(plan), proposals: pending.filter((p) => p.fiscalYear === fiscalYear) };
}

/** More than a season has (19 measures × their departments); the page says if it was cut. */
export const SEASON_LIST_LIMIT = 1000;

/** The tasks chosen for bulk work, as the confirmation and the result name them (the office's). */
export async function chosenTasks({ ctx, input }: { ctx: ServiceContext; input: { planId: string; taskIds: string[] } }) {
  requireStrategyOffice(ctx);
  const plan = await findPlan(ctx, input.planId);
  return listTasks(ctx, { planId: plan.id, ids: input.taskIds, limit: input.taskIds.length || 1 });
}

/** The pending proposals of a plan chosen for bulk work (all years: the ids say which). */
export async function chosenProposals({ ctx, input }: { ctx: ServiceContext; input: { planId: string; proposalIds: string[] } }) {
  requireStrategyOffice(ctx);
  const plan = await findPlan(ctx, input.planId);
  const chosen = new Set(input.proposalIds);
  return (await listProposals(ctx, { planId: plan.id, status: ['pending'] })).filter((p) => chosen.has(p.id));
}
