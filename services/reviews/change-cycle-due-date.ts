/**
 * The strategy office corrects a cycle's due date: the cycle's own date and every task of it
 * still on that date move together (a task extended on its own keeps its extension). Not once
 * the cycle is closed.
 */
import { and, eq, inArray } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { reviewCycles, reviewTasks } from '../../db/schema/index.ts';
import { requireStrategyOffice } from '../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { conflict } from '../errors.ts';
import { lockCycle } from './cycle-transition.ts';
import { checkNewDueDate, DueDateChangeFields, moveDueDates, STILL_DUE } from './due-date-change.ts';

export const ChangeCycleDueDateBody = Type.Object(DueDateChangeFields);

export async function changeCycleDueDate({ ctx, input }: { ctx: ServiceContext; input: Static<typeof ChangeCycleDueDateBody> & { cycleId: string } }) {
  const user = requireStrategyOffice(ctx);
  return withTransaction(ctx, async (tx) => {
    const cycle = await lockCycle(tx, input.cycleId, user);
    if (cycle.phase === 'closed') throw conflict('the cycle is closed; its due date no longer matters', { phase: cycle.phase });
    if (cycle.dueDate !== input.expectedDueDate) throw conflict(`the cycle is now due on ${cycle.dueDate}, not ${input.expectedDueDate}; reload and try again`);
    checkNewDueDate(ctx, input, false);
    const [updated] = await tx
      .update(reviewCycles)
      .set({ dueDate: input.dueDate, version: cycle.version + 1, updatedAt: ctx.clock.now() })
      .where(and(eq(reviewCycles.id, cycle.id), eq(reviewCycles.version, cycle.version)))
      .returning();
    if (!updated) throw conflict('the review cycle was changed by someone else; reload and try again');
    const tasks = await tx
      .select({ id: reviewTasks.id })
      .from(reviewTasks)
      .where(and(eq(reviewTasks.cycleId, cycle.id), eq(reviewTasks.dueDate, cycle.dueDate), inArray(reviewTasks.status, [...STILL_DUE])))
      .for('update');
    return moveDueDates(tx, ctx, user, tasks.map((t) => t.id), { ...input, scope: 'cycle' }, [cycle.id]);
  });
}
