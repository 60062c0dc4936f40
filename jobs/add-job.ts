import type { JobsOptions } from 'bullmq';
import type { JobName, JobPayload } from '../services/outbox/job-payloads.ts';
import { JOB_QUEUES } from './job-queues.ts';
import type { Queues } from './queues.ts';

/**
 * Adds a job by name, its payload type-checked against the job map (services/outbox/job-payloads.ts).
 * A `jobId` makes it idempotent: BullMQ ignores a second job with the same id while the first
 * exists. Ids contain no `:` (BullMQ reserves it) and are never all digits.
 */
export function addJob<N extends JobName>(queues: Queues, name: N, payload: JobPayload<N>, options: JobsOptions = {}) {
  if (options.jobId) checkJobId(options.jobId);
  const route = JOB_QUEUES[name];
  return queues[route.queue].add(name, payload, { ...route.options, ...options });
}

/** Many jobs of one kind, each with its id, added a thousand per round trip (what a sweep fans out). */
export async function addJobs<N extends JobName>(queues: Queues, name: N, items: { payload: JobPayload<N>; jobId: string }[]) {
  const route = JOB_QUEUES[name];
  for (let i = 0; i < items.length; i += 1000) {
    const chunk = items.slice(i, i + 1000);
    chunk.forEach((item) => checkJobId(item.jobId));
    await queues[route.queue].addBulk(chunk.map(({ payload, jobId }) => ({ name, data: payload, opts: { ...route.options, jobId } })));
  }
}

/** Queues the sending of freshly recorded emails (null ids — already recorded before — are skipped). */
export async function sendEmails(deps: { queues: Queues }, emailIds: (string | null)[]) {
  for (const id of emailIds) if (id) await addJob(deps.queues, 'send-email', { emailId: id }, { jobId: `email-${id}` });
}

function checkJobId(jobId: string) {
  if (jobId.includes(':') || /^\d+$/.test(jobId)) throw new Error(`bad job id ${jobId}`);
}
