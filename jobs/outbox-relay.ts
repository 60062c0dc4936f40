/**
 * Moves outbox rows to their queues. The relay takes unpublished rows in order (SKIP LOCKED,
 * so several workers share the work), adds each job with the outbox id as its job id, and
 * marks the rows published in the same transaction: if Redis refuses, nothing is marked and
 * the next pass tries again; if the commit fails after Redis took the job, the retry adds the
 * same job id, which BullMQ ignores.
 */
import { and, asc, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { outbox } from '../db/schema/index.ts';
import type { WorkerDeps } from './define-job.ts';
import { jobByName } from './registry.ts';

export const outboxJobId = (id: number) => `outbox-${id}`;

export async function relayOutbox(deps: Pick<WorkerDeps, 'db' | 'queues' | 'clock'>, batch = 200): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const rows = await tx.select().from(outbox).where(isNull(outbox.publishedAt)).orderBy(asc(outbox.id)).limit(batch).for('update', { skipLocked: true });
    for (const row of rows) await publish(deps, row);
    if (rows.length) {
      await tx
        .update(outbox)
        .set({ publishedAt: deps.clock.now(), attempts: sql`${outbox.attempts} + 1` })
        .where(inArray(outbox.id, rows.map((r) => r.id)));
    }
    return rows.length;
  });
}

/**
 * Re-publishes rows whose job the queue no longer has although it never finished (Redis
 * restarted without persistence, a job removed by hand). A job that failed for good stays
 * failed, visible in the queue view.
 */
export async function sweepOutbox(deps: Pick<WorkerDeps, 'db' | 'queues' | 'clock'>, olderThanMs = 120_000): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - olderThanMs);
  const rows = await deps.db
    .select()
    .from(outbox)
    .where(and(isNotNull(outbox.publishedAt), isNull(outbox.completedAt), lt(outbox.publishedAt, cutoff)))
    .orderBy(asc(outbox.id))
    .limit(500);
  let republished = 0;
  for (const row of rows) {
    const queue = deps.queues[jobByName(row.job)?.queue ?? 'events'];
    if (await queue.getJob(outboxJobId(row.id))) continue;
    await publish(deps, row);
    await deps.db.update(outbox).set({ attempts: sql`${outbox.attempts} + 1` }).where(eq(outbox.id, row.id));
    republished++;
  }
  return republished;
}

async function publish(deps: Pick<WorkerDeps, 'queues' | 'clock'>, row: typeof outbox.$inferSelect) {
  const definition = jobByName(row.job);
  const delay = row.runAt ? Math.max(0, row.runAt.getTime() - deps.clock.now().getTime()) : 0;
  // An unknown job name still goes to a queue: the worker fails it for good, where people can see it.
  await deps.queues[definition?.queue ?? 'events'].add(row.job, { ...(row.payload as object), outboxId: row.id }, { ...definition?.options, jobId: outboxJobId(row.id), delay });
}

export async function markOutboxCompleted(deps: Pick<WorkerDeps, 'db' | 'clock'>, outboxId: number) {
  await deps.db.update(outbox).set({ completedAt: deps.clock.now() }).where(and(eq(outbox.id, outboxId), isNull(outbox.completedAt)));
}
