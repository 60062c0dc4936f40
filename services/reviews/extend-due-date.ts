/**
 * The strategy office gives one task, or one department (all its tasks still due in a fiscal
 * year's cycles on the date it saw), more time, with the reason the department is told.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { departments, reviewCycles, reviewTasks } from '../../db/schema/index.ts';
import { requireStrategyOffice } from '../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { badRequest, conflict, notFound, problemAt } from '../errors.ts';
import { FiscalYear } from '../input-schemas.ts';
import { findPlan } from '../plans/queries.ts';
import { checkNewDueDate, DueDateChangeFields, moveDueDates, STILL_DUE } from './due-date-change.ts';
import { lockTask } from './lock-task.ts';

export const ExtendTaskDueDateBody = Type.Object(DueDateChangeFields);
export const ExtendDepartmentDueDateBody = Type.Object({ fiscalYear: FiscalYear, departmentId: Type.String({ format: 'uuid' }), ...DueDateChangeFields });

export async function extendTaskDueDate({ ctx, input }: { ctx: ServiceContext; input: Static<typeof ExtendTaskDueDateBody> & { taskId: string } }) {
  const user = requireStrategyOffice(ctx);
  return withTransaction(ctx, async (tx) => {
    const { cycle, task } = await lockTask(tx, user, input.taskId);
    if (cycle.phase === 'closed') throw conflict('the cycle is closed; its due dates no longer matter', { phase: cycle.phase });
    if (!(STILL_DUE as readonly string[]).includes(task.status)) throw conflict(`this task is ${task.status}; nothing is due from it any more`);
    if (task.dueDate !== input.expectedDueDate) throw conflict(`the task is now due on ${task.dueDate}, not ${input.expectedDueDate}; reload and try again`);
    checkNewDueDate(ctx, input, true);
    return moveDueDates(tx, ctx, user, [task.id], { ...input, scope: 'task' });
  });
}

export async function extendDepartmentDueDate({ ctx, input }: { ctx: ServiceContext; input: Static<typeof ExtendDepartmentDueDateBody> & { planId: string } }) {
  const user = requireStrategyOffice(ctx);
  await findPlan(ctx, input.planId);
  return withTransaction(ctx, async (tx) => {
    const [department] = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.id, input.departmentId), eq(departments.organizationId, user.organizationId)));
    if (!department) throw notFound('department');
    checkNewDueDate(ctx, input, true);
    // The cycles' rows first, then the tasks' (as lockTask does), so two changes never deadlock.
    const waiting = await tx
      .select({ id: reviewTasks.id, dueDate: reviewTasks.dueDate })
      .from(reviewTasks)
      .innerJoin(reviewCycles, eq(reviewCycles.id, reviewTasks.cycleId))
      .where(
        and(
          eq(reviewCycles.planId, input.planId),
          eq(reviewCycles.fiscalYear, input.fiscalYear),
          ne(reviewCycles.phase, 'closed'),
          eq(reviewTasks.departmentId, input.departmentId),
          inArray(reviewTasks.status, [...STILL_DUE]),
        ),
      )
      .orderBy(reviewCycles.id)
      .for('update', { of: [reviewCycles, reviewTasks] });
    if (waiting.length === 0) throw badRequest('nothing is due from this department', [problemAt('body.departmentId', { key: 'problems.nothingWaiting' })]);
    const onDate = waiting.filter((t) => t.dueDate === input.expectedDueDate);
    if (onDate.length === 0) throw conflict(`none of the department's tasks is due on ${input.expectedDueDate} any more; reload and try again`);
    return moveDueDates(tx, ctx, user, onDate.map((t) => t.id), { ...input, scope: 'department' });
  });
}
