/**
 * Moves outbox rows to their queues. The relay takes unpublished rows in order (SKIP LOCKED,
 * so several workers share the work), adds each job with the row's random key as its job id, and
 * marks the rows published in the same transaction: if Redis refuses, nothing is marked and
 * the next pass tries again; if the commit fails after Redis took the job, the retry adds the
 * same job id, which BullMQ ignores.
 */
import { and, asc, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { outbox } from '../db/schema/index.ts';
import type { WorkerDeps } from './define-job.ts';
import { routeOf } from './job-queues.ts';

/**
 * The row's random key, not its serial id: after a restore from an older backup the serials
 * repeat, and BullMQ would drop a new job whose id it has seen finished (docs/operations.md).
 */
export const outboxJobId = (row: { jobKey: string }) => `outbox-${row.jobKey}`;

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
    const queue = deps.queues[routeOf(row.job).queue];
    if (await queue.getJob(outboxJobId(row))) continue;
    await publish(deps, row);
    await deps.db.update(outbox).set({ attempts: sql`${outbox.attempts} + 1` }).where(eq(outbox.id, row.id));
    republished++;
  }
  return republished;
}

async function publish(deps: Pick<WorkerDeps, 'queues' | 'clock'>, row: typeof outbox.$inferSelect) {
  const route = routeOf(row.job);
  const delay = row.runAt ? Math.max(0, row.runAt.getTime() - deps.clock.now().getTime()) : 0;
  await deps.queues[route.queue].add(row.job, { ...(row.payload as object), outboxKey: row.jobKey }, { ...route.options, jobId: outboxJobId(row), delay });
}

/**
 * By key: a job left in Redis from before a restore must not mark a different row that has
 * its old serial id. The serial is only for jobs published before the key existed.
 */
export async function markOutboxCompleted(deps: Pick<WorkerDeps, 'db' | 'clock'>, row: { jobKey: string } | { id: number }) {
  const match = 'jobKey' in row ? eq(outbox.jobKey, row.jobKey) : eq(outbox.id, row.id);
  await deps.db.update(outbox).set({ completedAt: deps.clock.now() }).where(and(match, isNull(outbox.completedAt)));
}
