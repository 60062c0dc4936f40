/**
 * The one way a review cycle changes: lock the cycle row, ask the statechart, persist the new
 * snapshot with a version check, record the event, and write the effects to the outbox — all
 * inside the caller's transaction. A refused event is a 409 naming the phase and what is
 * missing. Its statements run on every review action, so they go prepared: PostgreSQL plans
 * each once per connection.
 */
import { and, eq, exists, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { reviewCycles, reviewEvents, reviewTasks } from '../../db/schema/index.ts';
import type { CycleEvent, EventActor, NotifyParams } from '../../workflows/review-cycle.machine.ts';
import { cycleActorMay, runCycleEvent } from '../../workflows/review-cycle.runner.ts';
import { isStrategyOffice } from '../auth/authorize.ts';
import type { AuthUser, ServiceContext } from '../context.ts';
import { conflict, forbidden, notFound, ServiceError } from '../errors.ts';
import type { JobRequest } from '../outbox/job-payloads.ts';
import { enqueueMany } from '../outbox/enqueue.ts';
import { blockerForApi, refusalWords } from './refusal-words.ts';

export type ReviewCycle = typeof reviewCycles.$inferSelect;

export const eventActor = (user: AuthUser): EventActor => ({ userId: user.id, role: user.role });

/**
 * Locks the cycle for the rest of the transaction; another organization's cycle is "not found",
 * and so is one where the user's department has no task (as getCycle answers), whatever is asked of it.
 */
export async function lockCycle(tx: Tx, cycleId: string, user: AuthUser): Promise<ReviewCycle> {
  const ownDepartment = isStrategyOffice(user)
    ? undefined
    : exists(tx.select({ id: reviewTasks.id }).from(reviewTasks).where(and(eq(reviewTasks.cycleId, reviewCycles.id), eq(reviewTasks.departmentId, user.departmentId ?? sql`null`))));
  const [cycle] = await tx
    .select()
    .from(reviewCycles)
    .where(and(eq(reviewCycles.id, cycleId), eq(reviewCycles.organizationId, user.organizationId), ownDepartment))
    .for('update')
    .prepare('lock_cycle')
    .execute();
  if (!cycle) throw notFound('review cycle');
  return cycle;
}

/** Refuses (403) an actor the machine never lets send `event`, before a verb checks anything about the cycle's state. */
export function assertActorMay(ctx: Pick<ServiceContext, 'workflows'>, cycle: ReviewCycle, event: CycleEvent) {
  if (!cycleActorMay(cycle, event, ctx.workflows?.reviewCycle)) throw new ServiceError('FORBIDDEN', `${event.type} is not for this user's role`);
}

export async function transitionCycle(
  tx: Tx,
  ctx: Pick<ServiceContext, 'clock' | 'workflows'>,
  cycle: ReviewCycle,
  event: CycleEvent,
  detail: { taskId?: string; [key: string]: unknown } = {},
): Promise<{ cycle: ReviewCycle; previousPhase: ReviewCycle['phase'] }> {
  const result = runCycleEvent(cycle, event, ctx.workflows?.reviewCycle);
  if (!result.ok) {
    const { kind, phase, blockers } = result.refusal;
    const words = refusalWords(result.refusal);
    // Not this user's to do (the machine's actor guard) is a 403; not now is a 409.
    if (kind === 'forbidden') throw forbidden(words, { phase });
    throw conflict(words, { phase, ...(blockers ? { blockers: blockers.map(blockerForApi) } : {}) });
  }
  const { step } = result;
  const now = ctx.clock.now();
  const [updated] = await tx
    .update(reviewCycles)
    .set({
      phase: step.phase,
      snapshot: step.snapshot,
      machineVersion: step.machineVersion,
      version: cycle.version + 1,
      updatedAt: now,
      closedAt: step.phase === 'closed' ? now : cycle.closedAt,
    })
    .where(and(eq(reviewCycles.id, cycle.id), eq(reviewCycles.version, cycle.version)))
    .returning()
    .prepare('update_cycle')
    .execute();
  if (!updated) throw conflict('the review cycle was changed by someone else; reload and try again');
  const { taskId, ...rest } = detail;
  await tx.insert(reviewEvents).values({ cycleId: cycle.id, type: event.type, phase: step.phase, taskId, actorId: event.actor.userId, detail: rest, at: now }).prepare('insert_review_event').execute();
  await enqueueEffects(tx, step.effects.map((effect) => ({ cycleId: cycle.id, effect })));
  return { cycle: updated, previousPhase: cycle.phase };
}

/** Effects named by the statechart become jobs; the jobs module knows how to carry them out. */
export async function enqueueEffects(tx: Tx, effects: { cycleId: string; effect: NotifyParams }[]) {
  await enqueueMany(tx, effects.map(({ cycleId, effect }) => jobOf(cycleId, effect)));
}

function jobOf(cycleId: string, effect: NotifyParams): JobRequest {
  switch (effect.topic) {
    case 'phase_entered':
      return { job: 'announce-phase', payload: { cycleId, phase: effect.phase! } };
    case 'submission_returned':
      return { job: 'announce-task-returned', payload: { taskId: effect.taskId! } };
    case 'task_reopened':
      return { job: 'announce-task-reopened', payload: { taskId: effect.taskId! } };
  }
}
