/** The tasks an email is about, as lines with a link straight to each task page (at its form when figures are awaited). */
import { and, asc, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { measures, projects, reviewCycles, reviewTasks } from '../../db/schema/index.ts';
import type { TaskLine } from '../../templates/emails/format.ts';

export interface TaskLineRow extends TaskLine {
  id: string;
  departmentId: string;
  dueDate: string;
  fiscalYear: number;
  cycleId: string;
  organizationId: string;
}

export function taskLines(db: DbOrTx, publicUrl: string, where: SQL | undefined): Promise<TaskLineRow[]> {
  return db
    .select({
      id: reviewTasks.id,
      departmentId: reviewTasks.departmentId,
      dueDate: reviewTasks.dueDate,
      status: reviewTasks.status,
      fiscalYear: reviewCycles.fiscalYear,
      cycleId: reviewCycles.id,
      organizationId: reviewCycles.organizationId,
      measureNumber: measures.number,
      measureTitle: measures.title,
      projectName: projects.name,
    })
    .from(reviewTasks)
    .innerJoin(reviewCycles, eq(reviewCycles.id, reviewTasks.cycleId))
    .innerJoin(measures, eq(measures.id, reviewCycles.measureId))
    .innerJoin(projects, eq(projects.id, reviewTasks.projectId))
    .where(where)
    .orderBy(asc(reviewTasks.dueDate), asc(measures.number), asc(projects.position))
    // A task still waiting for figures opens at its form (#figures on the task page).
    .then((rows) => rows.map((r) => ({ ...r, url: `${publicUrl}/tasks/${r.id}${r.status === 'open' || r.status === 'returned' ? '#figures' : ''}` })));
}

/**
 * Tasks still waiting for the department: open or returned, in a cycle still collecting
 * (Observe) or reopened by the strategy office for a late submission.
 */
export const awaitingDepartment = (planIds: string | string[]) =>
  and(
    typeof planIds === 'string' ? eq(reviewCycles.planId, planIds) : inArray(reviewCycles.planId, planIds),
    inArray(reviewTasks.status, ['open', 'returned']),
    or(eq(reviewCycles.phase, 'observe'), eq(reviewTasks.reopened, true)),
  );

/** A department's tasks still waiting in one fiscal year's season (one due date): what a reminder or an escalation lists. */
export function departmentTasksAwaiting(db: DbOrTx, publicUrl: string, p: { planId: string; fiscalYear: number; departmentId: string; dueDate: string }) {
  return taskLines(
    db,
    publicUrl,
    and(awaitingDepartment(p.planId), eq(reviewCycles.fiscalYear, p.fiscalYear), eq(reviewTasks.departmentId, p.departmentId), eq(reviewTasks.dueDate, p.dueDate)),
  );
}

/** Each department's waiting season (plan, fiscal year, due date) across plans: whom a reminder sweep reminds. */
export function departmentsAwaiting(db: DbOrTx, planIds: string[]) {
  return db
    .selectDistinct({ planId: reviewCycles.planId, departmentId: reviewTasks.departmentId, fiscalYear: reviewCycles.fiscalYear, dueDate: reviewTasks.dueDate })
    .from(reviewTasks)
    .innerJoin(reviewCycles, eq(reviewCycles.id, reviewTasks.cycleId))
    .where(awaitingDepartment(planIds));
}
