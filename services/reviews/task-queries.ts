/**
 * Reading tasks: the inbox ("everything I must do now", by due date) and one task with its
 * project's KPIs, earlier values, every submission version and — for the lead department —
 * what the co-owning departments entered.
 */
import { and, asc, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { departments, kpis, measures, projects, reviewCycles, reviewEvents, reviewTasks, submissionValues, taskSubmissions, users } from '../../db/schema/index.ts';
import type { CyclePhase, TaskStatus } from '../../db/schema/reviews/constants.ts';
import { isStrategyOffice, requireUser } from '../auth/authorize.ts';
import type { ServiceContext } from '../context.ts';
import { isoDateInTokyo } from '../fiscal-year.ts';
import { valuesInForce } from '../plans/load-plan-tree.ts';
import { findTask } from './lock-task.ts';

export interface TaskFilter {
  status?: TaskStatus[];
  fiscalYear?: number;
  departmentId?: string;
  planId?: string;
  measureId?: string;
  phase?: CyclePhase;
  /** Open or returned past their due date. */
  overdue?: boolean;
  ids?: string[];
  limit?: number;
  offset?: number;
}

export async function listTasks(ctx: ServiceContext, filter: TaskFilter = {}) {
  const user = requireUser(ctx);
  const conditions: SQL[] = [eq(reviewCycles.organizationId, user.organizationId)];
  // A department member sees its own department's tasks only, whatever the filter says.
  if (!isStrategyOffice(user)) conditions.push(eq(reviewTasks.departmentId, user.departmentId!));
  else if (filter.departmentId) conditions.push(eq(reviewTasks.departmentId, filter.departmentId));
  if (filter.status?.length) conditions.push(inArray(reviewTasks.status, filter.status));
  if (filter.fiscalYear) conditions.push(eq(reviewCycles.fiscalYear, filter.fiscalYear));
  if (filter.planId) conditions.push(eq(reviewCycles.planId, filter.planId));
  if (filter.measureId) conditions.push(eq(reviewCycles.measureId, filter.measureId));
  if (filter.phase) conditions.push(eq(reviewCycles.phase, filter.phase));
  if (filter.ids) conditions.push(filter.ids.length ? inArray(reviewTasks.id, filter.ids) : sql`false`);
  const today = isoDateInTokyo(ctx.clock.now());
  if (filter.overdue) conditions.push(inArray(reviewTasks.status, ['open', 'returned']), lt(reviewTasks.dueDate, today));
  const rows = await ctx.db
    .select({
      id: reviewTasks.id,
      status: reviewTasks.status,
      dueDate: reviewTasks.dueDate,
      lead: reviewTasks.lead,
      reopened: reviewTasks.reopened,
      cycleId: reviewCycles.id,
      phase: reviewCycles.phase,
      fiscalYear: reviewCycles.fiscalYear,
      measureNumber: measures.number,
      measureTitle: measures.title,
      projectId: projects.id,
      projectCode: projects.code,
      projectName: projects.name,
      departmentId: departments.id,
      departmentName: departments.name,
    })
    .from(reviewTasks)
    .innerJoin(reviewCycles, eq(reviewCycles.id, reviewTasks.cycleId))
    .innerJoin(measures, eq(measures.id, reviewCycles.measureId))
    .innerJoin(projects, eq(projects.id, reviewTasks.projectId))
    .innerJoin(departments, eq(departments.id, reviewTasks.departmentId))
    .where(and(...conditions))
    .orderBy(asc(reviewTasks.dueDate), asc(measures.number), asc(projects.position), asc(departments.code))
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0);
  return rows.map((r) => ({ ...r, overdue: (r.status === 'open' || r.status === 'returned') && r.dueDate < today }));
}

export async function getTask(ctx: ServiceContext, taskId: string) {
  const user = requireUser(ctx);
  const { task, cycle } = await findTask(ctx.db, user, taskId);
  const [project] = await ctx.db
    .select({ id: projects.id, code: projects.code, name: projects.name, description: projects.description, measureNumber: measures.number, measureTitle: measures.title })
    .from(projects)
    .innerJoin(measures, eq(measures.id, projects.measureId))
    .where(eq(projects.id, task.projectId));
  const [department] = await ctx.db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.id, task.departmentId));
  const projectKpis = await ctx.db.select().from(kpis).where(eq(kpis.projectId, task.projectId)).orderBy(asc(kpis.position));
  const values = projectKpis.length ? await valuesInForce(ctx.db, cycle.planId, projectKpis.map((k) => k.id)) : [];
  const submissions = await submissionsOf(ctx, [task.id]);
  // The lead department sees what its co-owners entered for the same project.
  const coOwnerTasks = task.lead
    ? await ctx.db
        .select({ id: reviewTasks.id, status: reviewTasks.status, departmentName: departments.name })
        .from(reviewTasks)
        .innerJoin(departments, eq(departments.id, reviewTasks.departmentId))
        .where(and(eq(reviewTasks.cycleId, cycle.id), eq(reviewTasks.projectId, task.projectId), eq(reviewTasks.lead, false)))
    : [];
  const coOwnerSubmissions = coOwnerTasks.length ? await submissionsOf(ctx, coOwnerTasks.map((t) => t.id)) : [];
  const history = await ctx.db
    .select({ type: reviewEvents.type, phase: reviewEvents.phase, at: reviewEvents.at, detail: reviewEvents.detail, actorName: users.name })
    .from(reviewEvents)
    .leftJoin(users, eq(users.id, reviewEvents.actorId))
    .where(eq(reviewEvents.taskId, task.id))
    .orderBy(asc(reviewEvents.id));
  return {
    ...task,
    overdue: (task.status === 'open' || task.status === 'returned') && task.dueDate < isoDateInTokyo(ctx.clock.now()),
    cycle: { id: cycle.id, phase: cycle.phase, fiscalYear: cycle.fiscalYear, planId: cycle.planId },
    project: project!,
    department: department!,
    kpis: projectKpis.map((k) => ({ ...k, values: values.filter((v) => v.kpiId === k.id) })),
    submissions,
    coOwners: coOwnerTasks.map((t) => ({ ...t, latest: coOwnerSubmissions.find((s) => s.taskId === t.id) ?? null })),
    history,
  };
}

/** Submissions of some tasks, newest first, each with its values and who submitted it. */
async function submissionsOf(ctx: ServiceContext, taskIds: string[]) {
  const rows = await ctx.db
    .select({ submission: taskSubmissions, submittedByName: users.name })
    .from(taskSubmissions)
    .innerJoin(users, eq(users.id, taskSubmissions.submittedBy))
    .where(inArray(taskSubmissions.taskId, taskIds))
    .orderBy(desc(taskSubmissions.version));
  const values = rows.length ? await ctx.db.select().from(submissionValues).where(inArray(submissionValues.submissionId, rows.map((r) => r.submission.id))) : [];
  return rows.map((r) => ({ ...r.submission, submittedByName: r.submittedByName, values: values.filter((v) => v.submissionId === r.submission.id) }));
}
