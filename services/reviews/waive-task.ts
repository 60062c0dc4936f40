import Type, { type Static } from 'typebox';
/** The strategy office waives a task (e.g. nothing to report this year) or reopens one for a late submission. */
import { requireUser } from '../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { badRequest, problemAt } from '../errors.ts';
import { Text } from '../input-schemas.ts';
import { eventActor, transitionCycle } from './cycle-transition.ts';
import { lockTask, setTaskStatus, taskFacts } from './lock-task.ts';

/** Waiving or reopening a task needs the reason. */
export const TaskReasonBody = Type.Object({ reason: Text(2000) });

export async function waiveTask({ ctx, input }: { ctx: ServiceContext; input: Static<typeof TaskReasonBody> & { taskId: string } }) {
  // Who may is the statechart's (ACTOR_GUARDS), asked in transitionCycle: a 403 from there.
  const user = requireUser(ctx);
  if (!input.reason.trim()) throw badRequest('a waiver needs a reason', [problemAt('body.reason', { key: 'problems.empty' })]);
  return withTransaction(ctx, async (tx) => {
    const { cycle, task } = await lockTask(tx, user, input.taskId);
    await transitionCycle(tx, ctx, cycle, { type: 'WAIVE_TASK', actor: eventActor(user), task: taskFacts(task, ctx.clock) }, { taskId: task.id, reason: input.reason });
    return setTaskStatus(tx, ctx.clock, task, { status: 'waived' });
  });
}

/** After the cycle moved on, a reopened task takes one more (late) submission. */
export async function reopenTask({ ctx, input }: { ctx: ServiceContext; input: Static<typeof TaskReasonBody> & { taskId: string } }) {
  // Who may is the statechart's (ACTOR_GUARDS), asked in transitionCycle: a 403 from there.
  const user = requireUser(ctx);
  if (!input.reason.trim()) throw badRequest('reopening needs a reason', [problemAt('body.reason', { key: 'problems.empty' })]);
  return withTransaction(ctx, async (tx) => {
    const { cycle, task } = await lockTask(tx, user, input.taskId);
    await transitionCycle(tx, ctx, cycle, { type: 'REOPEN_TASK', actor: eventActor(user), task: taskFacts(task, ctx.clock) }, { taskId: task.id, reason: input.reason });
    return setTaskStatus(tx, ctx.clock, task, { status: 'open', reopened: cycle.phase !== 'observe' || task.reopened });
  });
}
