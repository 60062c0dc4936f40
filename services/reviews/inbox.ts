/**
 * "What I must do now", in one list. A department: its tasks by due date, the KPIs of projects
 * it leads that need a cause and improvement, and its open follow-ups. The strategy office:
 * submissions to review, overdue tasks, the departments that have not submitted yet and
 * pending proposals.
 */
import { and, asc, eq } from 'drizzle-orm';
import { actionItems, measures, projects, reviewCycles } from '../../db/schema/index.ts';
import { isStrategyOffice, requireUser } from '../auth/authorize.ts';
import type { ServiceContext } from '../context.ts';
import { getCycle, listProposals } from './cycle-queries.ts';
import { listTasks } from './task-queries.ts';

/** The departments that still owe tasks (due or not), each with how many and the earliest due date. */
function byDepartment(tasks: Awaited<ReturnType<typeof listTasks>>) {
  const departments = new Map<string, { departmentId: string; departmentName: string; count: number; overdue: number; earliestDue: string }>();
  for (const t of tasks) {
    const d = departments.get(t.departmentId) ?? { departmentId: t.departmentId, departmentName: t.departmentName, count: 0, overdue: 0, earliestDue: t.dueDate };
    d.count += 1;
    if (t.overdue) d.overdue += 1;
    if (t.dueDate < d.earliestDue) d.earliestDue = t.dueDate;
    departments.set(t.departmentId, d);
  }
  return [...departments.values()].sort((a, b) => a.earliestDue.localeCompare(b.earliestDue) || a.departmentName.localeCompare(b.departmentName, 'ja'));
}

export async function getInbox(ctx: ServiceContext) {
  const user = requireUser(ctx);
  if (isStrategyOffice(user)) {
    const [toReview, unsubmitted, proposals] = await Promise.all([
      listTasks(ctx, { status: ['submitted'], limit: 500 }),
      listTasks(ctx, { status: ['open', 'returned'], limit: 500 }),
      listProposals(ctx, { status: ['pending'] }),
    ]);
    return { role: 'office' as const, toReview, overdue: unsubmitted.filter((t) => t.overdue), notSubmitted: byDepartment(unsubmitted), proposals };
  }
  const tasks = await listTasks(ctx, { limit: 500 });
  // Causes and improvements are the lead department's, while the cycle is in Orient or Decide.
  const explaining = [...new Set(tasks.filter((t) => t.lead && (t.phase === 'orient' || t.phase === 'decide')).map((t) => t.cycleId))];
  const cycles = await Promise.all(explaining.map((id) => getCycle(ctx, id)));
  const explanations = cycles.flatMap((cycle) => {
    const led = new Map(cycle.tasks.filter((t) => t.lead).map((t) => [t.projectId, t]));
    return cycle.kpis
      .filter((k) => k.needsExplanation && !k.explanation && led.has(k.projectId))
      .map((k) => ({ kpiId: k.id, kpiName: k.name, status: k.assessment.status, taskId: led.get(k.projectId)!.id, projectName: led.get(k.projectId)!.projectName, measureNumber: cycle.measureNumber, fiscalYear: cycle.fiscalYear }));
  });
  const followUps = await ctx.db
    .select({ item: actionItems, measureNumber: measures.number, fiscalYear: reviewCycles.fiscalYear, projectName: projects.name })
    .from(actionItems)
    .innerJoin(reviewCycles, eq(reviewCycles.id, actionItems.cycleId))
    .innerJoin(measures, eq(measures.id, reviewCycles.measureId))
    .leftJoin(projects, eq(projects.id, actionItems.projectId))
    .where(and(eq(reviewCycles.organizationId, user.organizationId), eq(actionItems.departmentId, user.departmentId!), eq(actionItems.status, 'open')))
    .orderBy(asc(actionItems.dueDate), asc(actionItems.createdAt));
  return {
    role: 'department' as const,
    todo: tasks.filter((t) => t.status === 'open' || t.status === 'returned'),
    waiting: tasks.filter((t) => t.status === 'submitted'),
    done: tasks.filter((t) => t.status === 'accepted' || t.status === 'waived'),
    explanations,
    followUps: followUps.map((f) => ({ ...f.item, measureNumber: f.measureNumber, fiscalYear: f.fiscalYear, projectName: f.projectName })),
  };
}
