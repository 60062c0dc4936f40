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
  if (options.jobId && (options.jobId.includes(':') || /^\d+$/.test(options.jobId))) throw new Error(`bad job id ${options.jobId}`);
  return queues[job.queue].add(job.name, payload, { ...job.options, ...options });
}
