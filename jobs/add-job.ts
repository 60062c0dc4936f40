import type { JobsOptions } from 'bullmq';
import type { Static, TSchema } from 'typebox';
import type { JobDefinition } from './define-job.ts';
import type { Queues } from './queues.ts';

/**
 * Adds a job, type-checked against its definition. A `jobId` makes it idempotent: BullMQ
 * ignores a second job with the same id while the first exists. Ids contain no `:` (BullMQ
 * reserves it) and are never all digits.
 */
export function addJob<S extends TSchema>(queues: Queues, job: JobDefinition<S>, payload: Static<S>, options: JobsOptions = {}) {
  if (options.jobId) checkJobId(options.jobId);
  return queues[job.queue].add(job.name, payload, { ...job.options, ...options });
}

/** Many jobs of one kind, each with its id, added a thousand per round trip (what a sweep fans out). */
export async function addJobs<S extends TSchema>(queues: Queues, job: JobDefinition<S>, items: { payload: Static<S>; jobId: string }[]) {
  for (let i = 0; i < items.length; i += 1000) {
    const chunk = items.slice(i, i + 1000);
    chunk.forEach((item) => checkJobId(item.jobId));
    await queues[job.queue].addBulk(chunk.map(({ payload, jobId }) => ({ name: job.name, data: payload, opts: { ...job.options, jobId } })));
  }
}

function checkJobId(jobId: string) {
  if (jobId.includes(':') || /^\d+$/.test(jobId)) throw new Error(`bad job id ${jobId}`);
}
