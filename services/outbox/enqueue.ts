import type { Tx } from '../../db/client.ts';
import { outbox } from '../../db/schema/index.ts';

/**
 * Records a job to run after this transaction commits. It is written in the same
 * transaction as the state change that causes it, so it exists exactly when the change does;
 * the relay (jobs/) moves it to its queue with the row's random `job_key` in the job id.
 */
export async function enqueue(tx: Tx, job: string, payload: Record<string, unknown>, runAt?: Date) {
  const [row] = await tx.insert(outbox).values({ job, payload, runAt }).returning({ id: outbox.id });
  return row!.id;
}

/** Several jobs in one insert (same guarantee as `enqueue`). */
export async function enqueueMany(tx: Tx, jobs: { job: string; payload: Record<string, unknown>; runAt?: Date }[]) {
  if (jobs.length) await tx.insert(outbox).values(jobs);
}
