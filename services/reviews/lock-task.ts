import { and, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { reviewCycles, reviewTasks } from '../../db/schema/index.ts';
import { canActFor } from '../auth/authorize.ts';
import type { AuthUser, Clock } from '../context.ts';
import { notFound } from '../errors.ts';
import { isoDateInTokyo } from '../fiscal-year.ts';
import { lockCycle } from './cycle-transition.ts';

export type ReviewTask = typeof reviewTasks.$inferSelect;

/**
 * Locks a task and its cycle (cycle first, always, so two requests never deadlock). A task of
 * another department or organization is "not found", so its existence is not revealed.
 */
export async function lockTask(tx: Tx, user: AuthUser, taskId: string) {
  const found = await findTask(tx, user, taskId);
  const cycle = await lockCycle(tx, found.cycle.id, user);
  const [task] = await tx.select().from(reviewTasks).where(eq(reviewTasks.id, taskId)).for('update');
  return { cycle, task: task! };
}

/** A task and its cycle as the user may see them (no locks); another department's task is "not found". */
export async function findTask(db: DbOrTx, user: AuthUser, taskId: string) {
  const [found] = await db
    .select({ task: reviewTasks, cycle: reviewCycles })
    .from(reviewTasks)
    .innerJoin(reviewCycles, eq(reviewCycles.id, reviewTasks.cycleId))
    .where(and(eq(reviewTasks.id, taskId), eq(reviewCycles.organizationId, user.organizationId)));
  if (!found || !canActFor(user, found.task.departmentId)) throw notFound('task');
  return found;
}

export const isPastDue = (task: Pick<ReviewTask, 'dueDate'>, clock: Clock) => isoDateInTokyo(clock.now()) > task.dueDate;

export const taskFacts = (task: ReviewTask, clock: Clock) => ({ id: task.id, status: task.status, pastDue: isPastDue(task, clock) });

/** Moves the task to a new status from the one it was read in; a lost race is a 409 via the version. */
export async function setTaskStatus(tx: Tx, clock: Clock, task: ReviewTask, changes: Partial<Pick<ReviewTask, 'status' | 'reopened'>>) {
  const [row] = await tx
    .update(reviewTasks)
    .set({ ...changes, version: task.version + 1, updatedAt: clock.now() })
    .where(and(eq(reviewTasks.id, task.id), eq(reviewTasks.version, task.version)))
    .returning();
  return row!;
}
