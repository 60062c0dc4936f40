import type { Tx } from '../../db/client.ts';
import { outbox } from '../../db/schema/index.ts';
import type { JobName, JobPayload, JobRequest } from './job-payloads.ts';

/**
 * Records a job to run after this transaction commits. It is written in the same
 * transaction as the state change that causes it, so it exists exactly when the change does;
 * the relay (jobs/) moves it to its queue with the row's random `job_key` in the job id.
 * The name and payload are checked against the job map (job-payloads.ts) at compile time.
 */
export async function enqueue<N extends JobName>(tx: Tx, job: N, payload: JobPayload<N>, runAt?: Date) {
  const [row] = await tx.insert(outbox).values({ job, payload, runAt }).returning({ id: outbox.id });
  return row!.id;
}

/** Several jobs in one insert (same guarantee as `enqueue`). */
export async function enqueueMany(tx: Tx, jobs: (JobRequest & { runAt?: Date })[]) {
  if (jobs.length) await tx.insert(outbox).values(jobs);
}
