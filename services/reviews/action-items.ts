/** Act: the strategy office gives departments follow-up items; a department marks its own done. */
import { and, eq } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { actionItems, departments, projects, reviewCycles } from '../../db/schema/index.ts';
import { canActFor, requireUser } from '../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { badRequest, notFound, problemAt } from '../errors.ts';
import { IsoDate, OrNull, Text, Uuid } from '../input-schemas.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { eventActor, lockCycle, transitionCycle } from './cycle-transition.ts';
import { isCalendarDate } from './open-cycles.ts';
import { mayCompleteActionItem } from './permissions.ts';

/** What the API's body and the cycle page's form give. */
export const AddActionItemBody = Type.Object({ departmentId: Uuid, projectId: Type.Optional(OrNull(Uuid)), text: Text(2000), dueDate: Type.Optional(OrNull(IsoDate)) });

export async function addActionItem({ ctx, input }: { ctx: ServiceContext; input: Static<typeof AddActionItemBody> & { cycleId: string } }) {
  // Who may is the statechart's (ACTOR_GUARDS), asked in transitionCycle: a 403 from there.
  const user = requireUser(ctx);
  if (input.dueDate && !isCalendarDate(input.dueDate)) throw badRequest('bad due date', [problemAt('body.dueDate', { key: 'problems.invalidDate' })]);
  return withTransaction(ctx, async (tx) => {
    const cycle = await lockCycle(tx, input.cycleId, user);
    const [department] = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.id, input.departmentId), eq(departments.organizationId, user.organizationId)));
    if (!department) throw badRequest('unknown department', [problemAt('body.departmentId', { key: 'problems.notADepartment' })]);
    if (input.projectId) {
      const [project] = await tx.select({ id: projects.id }).from(projects).where(and(eq(projects.id, input.projectId), eq(projects.measureId, cycle.measureId)));
      if (!project) throw badRequest('unknown project', [problemAt('body.projectId', { key: 'problems.notAProjectOfMeasure' })]);
    }
    await transitionCycle(tx, ctx, cycle, { type: 'ADD_ACTION_ITEM', actor: eventActor(user) }, { departmentId: input.departmentId });
    const [item] = await tx
      .insert(actionItems)
      .values({ cycleId: cycle.id, departmentId: input.departmentId, projectId: input.projectId ?? null, text: input.text, dueDate: input.dueDate ?? null, createdBy: user.id, createdAt: ctx.clock.now() })
      .returning();
    await enqueue(tx, 'announce-action-item', { actionItemId: item!.id });
    return item!;
  });
}

export async function completeActionItem({ ctx, input }: { ctx: ServiceContext; input: { actionItemId: string } }) {
  const user = requireUser(ctx);
  return withTransaction(ctx, async (tx) => {
    const [found] = await tx
      .select({ item: actionItems })
      .from(actionItems)
      .innerJoin(reviewCycles, eq(reviewCycles.id, actionItems.cycleId))
      .where(and(eq(actionItems.id, input.actionItemId), eq(reviewCycles.organizationId, user.organizationId)))
      .for('update');
    if (!found) throw notFound('action item');
    if (found.item.status === 'done' && canActFor(user, found.item.departmentId)) return found.item;
    if (!mayCompleteActionItem(user, found.item)) throw notFound('action item');
    const [done] = await tx.update(actionItems).set({ status: 'done', doneAt: ctx.clock.now() }).where(and(eq(actionItems.id, found.item.id), eq(actionItems.status, 'open'))).returning();
    return done!;
  });
}
