/**
 * Reading cycles: the board of a fiscal year (measure × phase with task counts) and one cycle
 * with everything its current phase needs. A department member sees the cycles it has tasks
 * in, and within them only its own tasks, proposals and follow-ups.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { actionItems, departments, kpiExplanations, measures, projectAssessments, projects, proposals, reviewCycles, reviewEvents, reviewTasks, users } from '../../db/schema/index.ts';
import { advanceBlockers } from '../../workflows/review-cycle.machine.ts';
import { blockerForApi } from './refusal-words.ts';
import { isStrategyOffice, requireUser } from '../auth/authorize.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { isoDateInTokyo } from '../fiscal-year.ts';
import { findPlan } from '../plans/queries.ts';
import { advanceFacts } from './advance-cycle.ts';
import { proposalActions } from './permissions.ts';
import { assessCycleKpis, needsExplanation } from './assess-cycle.ts';

export async function listCycles(ctx: ServiceContext, planId: string, fiscalYear?: number) {
  const user = requireUser(ctx);
  await findPlan(ctx, planId);
  const today = isoDateInTokyo(ctx.clock.now());
  const conditions: SQL[] = [eq(reviewCycles.planId, planId)];
  if (fiscalYear) conditions.push(eq(reviewCycles.fiscalYear, fiscalYear));
  const ownOnly = !isStrategyOffice(user);
  if (ownOnly) conditions.push(sql`exists (select 1 from ${reviewTasks} where ${reviewTasks.cycleId} = ${reviewCycles.id} and ${reviewTasks.departmentId} = ${user.departmentId})`);
  const taskScope = ownOnly ? sql`and ${reviewTasks.departmentId} = ${user.departmentId}` : sql``;
  // A department counts its own proposals only, as it sees only those.
  const proposalScope = ownOnly ? sql`and ${proposals.departmentId} = ${user.departmentId}` : sql``;
  return ctx.db
    .select({
      id: reviewCycles.id,
      fiscalYear: reviewCycles.fiscalYear,
      phase: reviewCycles.phase,
      dueDate: reviewCycles.dueDate,
      version: reviewCycles.version,
      // What the statechart is asked with (services/reviews/permissions.ts); the API's schema leaves them out.
      machineVersion: reviewCycles.machineVersion,
      snapshot: reviewCycles.snapshot,
      measureId: measures.id,
      measureNumber: measures.number,
      measureTitle: measures.title,
      tasksTotal: sql<number>`(select count(*)::int from ${reviewTasks} where ${reviewTasks.cycleId} = ${reviewCycles.id} ${taskScope})`,
      tasksOpen: sql<number>`(select count(*)::int from ${reviewTasks} where ${reviewTasks.cycleId} = ${reviewCycles.id} and ${reviewTasks.status} in ('open', 'returned') ${taskScope})`,
      tasksOverdue: sql<number>`(select count(*)::int from ${reviewTasks} where ${reviewTasks.cycleId} = ${reviewCycles.id} and ${reviewTasks.status} in ('open', 'returned') and ${reviewTasks.dueDate} < ${today} ${taskScope})`,
      proposalsPending: sql<number>`(select count(*)::int from ${proposals} where ${proposals.cycleId} = ${reviewCycles.id} and ${proposals.status} = 'pending' ${proposalScope})`,
    })
    .from(reviewCycles)
    .innerJoin(measures, eq(measures.id, reviewCycles.measureId))
    .where(and(...conditions))
    .orderBy(desc(reviewCycles.fiscalYear), asc(measures.position));
}

export async function getCycle(ctx: ServiceContext, cycleId: string) {
  const user = requireUser(ctx);
  const so = isStrategyOffice(user);
  const [row] = await ctx.db
    .select({ cycle: reviewCycles, measureNumber: measures.number, measureTitle: measures.title })
    .from(reviewCycles)
    .innerJoin(measures, eq(measures.id, reviewCycles.measureId))
    .where(and(eq(reviewCycles.id, cycleId), eq(reviewCycles.organizationId, user.organizationId)));
  if (!row) throw notFound('review cycle');
  const { cycle } = row;
  const own = (departmentColumn: typeof reviewTasks.departmentId | typeof actionItems.departmentId) => (so ? undefined : eq(departmentColumn, user.departmentId!));
  const tasks = await ctx.db
    .select({
      id: reviewTasks.id,
      status: reviewTasks.status,
      lead: reviewTasks.lead,
      reopened: reviewTasks.reopened,
      dueDate: reviewTasks.dueDate,
      projectId: projects.id,
      projectCode: projects.code,
      projectName: projects.name,
      departmentId: departments.id,
      departmentName: departments.name,
    })
    .from(reviewTasks)
    .innerJoin(projects, eq(projects.id, reviewTasks.projectId))
    .innerJoin(departments, eq(departments.id, reviewTasks.departmentId))
    .where(and(eq(reviewTasks.cycleId, cycle.id), own(reviewTasks.departmentId)))
    .orderBy(asc(projects.position), asc(departments.code));
  if (!so && tasks.length === 0) throw notFound('review cycle');
  const visibleProjects = new Set(tasks.map((t) => t.projectId));

  const [assessed, explanations, assessments, proposalRows, items] = await Promise.all([
    assessCycleKpis(ctx.db, ctx.clock, cycle),
    ctx.db.select().from(kpiExplanations).where(eq(kpiExplanations.cycleId, cycle.id)).orderBy(desc(kpiExplanations.writtenAt)),
    ctx.db.select().from(projectAssessments).where(eq(projectAssessments.cycleId, cycle.id)).orderBy(desc(projectAssessments.assessedAt)),
    ctx.db.select({ proposal: proposals, proposedByName: users.name }).from(proposals).innerJoin(users, eq(users.id, proposals.proposedBy)).where(eq(proposals.cycleId, cycle.id)).orderBy(asc(proposals.proposedAt)),
    ctx.db.select().from(actionItems).where(and(eq(actionItems.cycleId, cycle.id), own(actionItems.departmentId))).orderBy(asc(actionItems.createdAt)),
  ]);
  const kpiRows = assessed
    .filter((k) => so || visibleProjects.has(k.projectId))
    .map((k) => ({
      id: k.kpi.id,
      code: k.kpi.code,
      name: k.kpi.name,
      unit: k.kpi.unit,
      projectId: k.projectId,
      assessment: k.assessment,
      needsExplanation: needsExplanation(k.assessment),
      explanation: explanations.find((e) => e.kpiId === k.kpi.id) ?? null,
    }));
  return {
    ...cycle,
    measureNumber: row.measureNumber,
    measureTitle: row.measureTitle,
    tasks,
    kpis: kpiRows,
    assessments: [...new Map(assessments.filter((a) => so || visibleProjects.has(a.projectId)).map((a) => [a.projectId, a])).values()],
    proposals: proposalRows
      .filter((p) => so || p.proposal.departmentId === user.departmentId)
      .map((p) => ({ ...p.proposal, proposedByName: p.proposedByName })),
    actionItems: items,
    // What keeps the cycle in its phase, so the board can say why it cannot move on.
    blockers: so && cycle.phase !== 'closed' ? advanceBlockers(cycle.phase, await advanceFacts(ctx.db, ctx.clock, cycle)).map(blockerForApi) : [],
    events: so ? await ctx.db.select().from(reviewEvents).where(eq(reviewEvents.cycleId, cycle.id)).orderBy(asc(reviewEvents.id)) : [],
  };
}

export async function listProposals(ctx: ServiceContext, filter: { planId?: string; status?: string[] } = {}) {
  const user = requireUser(ctx);
  const conditions: SQL[] = [eq(reviewCycles.organizationId, user.organizationId)];
  if (!isStrategyOffice(user)) conditions.push(eq(proposals.departmentId, user.departmentId!));
  if (filter.planId) conditions.push(eq(reviewCycles.planId, filter.planId));
  if (filter.status?.length) conditions.push(inArray(proposals.status, filter.status as never));
  const rows = await ctx.db
    .select({
      proposal: proposals,
      proposedByName: users.name,
      fiscalYear: reviewCycles.fiscalYear,
      measureNumber: measures.number,
      measureTitle: measures.title,
      cycle: { machineVersion: reviewCycles.machineVersion, snapshot: reviewCycles.snapshot },
    })
    .from(proposals)
    .innerJoin(reviewCycles, eq(reviewCycles.id, proposals.cycleId))
    .innerJoin(measures, eq(measures.id, reviewCycles.measureId))
    .innerJoin(users, eq(users.id, proposals.proposedBy))
    .where(and(...conditions))
    .orderBy(asc(proposals.proposedAt));
  return rows.map((r) => ({
    ...r.proposal,
    proposedByName: r.proposedByName,
    fiscalYear: r.fiscalYear,
    measureNumber: r.measureNumber,
    measureTitle: r.measureTitle,
    // Whether this user may approve or reject it now: the statechart's answer (services/reviews/permissions.ts).
    mayDecide: proposalActions(ctx, user, r.cycle, r.proposal).decide,
  }));
}
