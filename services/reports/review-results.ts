/**
 * What the reviews of one fiscal year produced for a plan: the cycles by measure, each task
 * with its latest submission, the departments' explanations and the strategy office's
 * assessments (the latest of each). Read by the Excel export and the committee packet.
 *
 * Seen as the API shows it to the reader (getCycle in services/reviews/cycle-queries.ts): the
 * strategy office sees everything; a department its own tasks, and the explanations and
 * assessments of the projects it has a task on in that cycle.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { departments, kpis, kpiExplanations, projectAssessments, projects, reviewCycles, reviewTasks, submissionValues, taskSubmissions } from '../../db/schema/index.ts';

import { isStrategyOffice, requireUser } from '../auth/authorize.ts';
import type { ServiceContext } from '../context.ts';

export type ReviewResults = Awaited<ReturnType<typeof loadReviewResults>>;

export async function loadReviewResults(ctx: ServiceContext, planId: string, fiscalYear: number) {
  const db = ctx.db;
  const user = requireUser(ctx);
  const cycles = await db.select().from(reviewCycles).where(and(eq(reviewCycles.planId, planId), eq(reviewCycles.fiscalYear, fiscalYear)));
  const cycleIds = cycles.map((c) => c.id);
  const none = Promise.resolve([]);
  const [taskRows, explanationRows, assessmentRows] = await Promise.all([
    !cycleIds.length ? none : db
      .select({ task: reviewTasks, departmentName: departments.name, projectCode: projects.code })
      .from(reviewTasks)
      .innerJoin(departments, eq(departments.id, reviewTasks.departmentId))
      .innerJoin(projects, eq(projects.id, reviewTasks.projectId))
      .where(inArray(reviewTasks.cycleId, cycleIds))
      .orderBy(asc(projects.code), asc(departments.code)),
    !cycleIds.length ? none : db.select({ explanation: kpiExplanations, projectId: kpis.projectId }).from(kpiExplanations).innerJoin(kpis, eq(kpis.id, kpiExplanations.kpiId)).where(inArray(kpiExplanations.cycleId, cycleIds)).orderBy(desc(kpiExplanations.writtenAt), desc(kpiExplanations.id)),
    !cycleIds.length ? none : db.select().from(projectAssessments).where(inArray(projectAssessments.cycleId, cycleIds)).orderBy(desc(projectAssessments.assessedAt), desc(projectAssessments.id)),
  ]);
  const office = isStrategyOffice(user);
  const ownTasks = office ? taskRows : taskRows.filter((t) => t.task.departmentId === user.departmentId);
  const visible = new Set(ownTasks.map((t) => `${t.task.cycleId} ${t.task.projectId}`));
  const seen = (cycleId: string, projectId: string) => office || visible.has(`${cycleId} ${projectId}`);
  const submissions = ownTasks.length
    ? await db
        .selectDistinctOn([taskSubmissions.taskId])
        .from(taskSubmissions)
        .where(inArray(taskSubmissions.taskId, ownTasks.map((t) => t.task.id)))
        .orderBy(taskSubmissions.taskId, desc(taskSubmissions.version))
    : [];
  const values = submissions.length ? await db.select().from(submissionValues).where(inArray(submissionValues.submissionId, submissions.map((s) => s.id))) : [];

  return {
    cycles,
    tasks: ownTasks.map((t) => {
      const latest = submissions.find((s) => s.taskId === t.task.id) ?? null;
      return { ...t.task, departmentName: t.departmentName, projectCode: t.projectCode, latest: latest && { ...latest, values: values.filter((v) => v.submissionId === latest.id) } };
    }),
    // Rows come newest first: the first one seen per key is the one in force.
    explanations: firstBy(explanationRows.filter((e) => seen(e.explanation.cycleId, e.projectId ?? '')).map((e) => e.explanation), (e) => e.kpiId),
    assessments: firstBy(assessmentRows.filter((a) => seen(a.cycleId, a.projectId)), (a) => a.projectId),
  };
}

function firstBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T> {
  const map = new Map<K, T>();
  for (const row of rows) if (!map.has(key(row))) map.set(key(row), row);
  return map;
}
