/**
 * Moving due dates, shared by the two verbs (change-cycle-due-date.ts, extend-due-date.ts): the
 * input they take, what a new date must be, and the move itself — the tasks still waiting for
 * the department (open, returned, or submitted and still correctable) move from the date the
 * caller saw to the new one (a conditional update: a date someone else moved meanwhile is a
 * 409), each cycle records the change as a review event, and each department concerned is told
 * the new date and the reason by email (the outbox, once per change and department).
 */
import { and, eq, inArray } from 'drizzle-orm';
import Type from 'typebox';
import type { Tx } from '../../db/client.ts';
import { reviewCycles, reviewEvents, reviewTasks } from '../../db/schema/index.ts';
import { isStrategyOffice } from '../auth/authorize.ts';
import type { AuthUser, ServiceContext } from '../context.ts';
import { conflict, type FieldProblem, invalidInput, problemAt } from '../errors.ts';
import { isoDateInTokyo } from '../fiscal-year.ts';
import { IsoDate, Text } from '../input-schemas.ts';
import { enqueueMany } from '../outbox/enqueue.ts';

/** The new date, the date the caller saw (the guard against a lost race) and why. */
export const DueDateChangeFields = {
  dueDate: IsoDate,
  expectedDueDate: IsoDate,
  reason: Text(2000),
};

/** Whether the user may change a cycle's due dates (the pages' link; the verbs refuse by the same rule). */
export const mayChangeDueDates = (user: AuthUser, cycle: { phase: string }) => isStrategyOffice(user) && cycle.phase !== 'closed';

/** Statuses whose due date still matters to the department. */
export const STILL_DUE = ['open', 'returned', 'submitted'] as const;

/** A new due date: a real date, not before today; an extension comes after the date it extends. */
export function checkNewDueDate(ctx: Pick<ServiceContext, 'clock'>, input: { dueDate: string; expectedDueDate: string; reason: string }, extension: boolean) {
  const today = isoDateInTokyo(ctx.clock.now());
  const problems: FieldProblem[] = [];
  if (input.dueDate < today) problems.push(problemAt('body.dueDate', { key: 'problems.notInPast', params: { today } }));
  else if (extension && input.dueDate <= input.expectedDueDate) problems.push(problemAt('body.dueDate', { key: 'problems.laterThanDue', params: { due: input.expectedDueDate } }));
  if (!input.reason.trim()) problems.push(problemAt('body.reason', { key: 'problems.empty' }));
  if (problems.length) throw invalidInput(problems);
}

/** Moves the given tasks (already chosen and authorized by the verb) and records and announces it. */
export async function moveDueDates(
  tx: Tx,
  ctx: Pick<ServiceContext, 'clock'>,
  user: AuthUser,
  taskIds: string[],
  change: { dueDate: string; expectedDueDate: string; reason: string; scope: 'cycle' | 'department' | 'task' },
  /** Cycles that record the change even with no task moved (a cycle's own date). */
  alsoRecord: string[] = [],
) {
  const now = ctx.clock.now();
  const moved = taskIds.length
    ? await tx
        .update(reviewTasks)
        .set({ dueDate: change.dueDate, updatedAt: now })
        .where(and(inArray(reviewTasks.id, taskIds), eq(reviewTasks.dueDate, change.expectedDueDate), inArray(reviewTasks.status, [...STILL_DUE])))
        .returning({ id: reviewTasks.id, cycleId: reviewTasks.cycleId, departmentId: reviewTasks.departmentId })
    : [];
  if (moved.length !== taskIds.length) throw conflict('the due date was changed by someone else, or a task was reviewed meanwhile; reload and try again');
  const changeId = crypto.randomUUID();
  const cycleIds = [...new Set([...alsoRecord, ...moved.map((t) => t.cycleId)])];
  const phases = cycleIds.length ? await tx.select({ id: reviewCycles.id, phase: reviewCycles.phase }).from(reviewCycles).where(inArray(reviewCycles.id, cycleIds)) : [];
  if (phases.length) {
    await tx.insert(reviewEvents).values(
      phases.map((c) => {
        const tasks = moved.filter((t) => t.cycleId === c.id);
        const detail = { changeId, scope: change.scope, from: change.expectedDueDate, to: change.dueDate, reason: change.reason, tasks: tasks.length, departmentIds: [...new Set(tasks.map((t) => t.departmentId))] };
        return { cycleId: c.id, type: 'DUE_DATE_CHANGED', phase: c.phase, taskId: change.scope === 'task' ? tasks[0]?.id : undefined, actorId: user.id, detail, at: now };
      }),
    );
  }
  const departmentIds = [...new Set(moved.map((t) => t.departmentId))];
  await enqueueMany(
    tx,
    departmentIds.map((departmentId) => ({
      job: 'announce-due-date' as const,
      payload: { changeId, departmentId, taskIds: moved.filter((t) => t.departmentId === departmentId).map((t) => t.id), previousDueDate: change.expectedDueDate, dueDate: change.dueDate, reason: change.reason },
    })),
  );
  return { changeId, dueDate: change.dueDate, tasks: moved.length, departments: departmentIds.length };
}

export const DueDateChangeResult = Type.Object({ changeId: Type.String(), dueDate: Type.String(), tasks: Type.Integer(), departments: Type.Integer() });
