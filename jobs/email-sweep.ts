/** Emails recorded but whose send job the queue does not have (a crash between commit and enqueue) are queued again. */
import { pendingEmailIds } from '../services/notifications/email-delivery.ts';
import type { WorkerDeps } from './define-job.ts';
import { addJob } from './add-job.ts';

export async function sweepEmails(deps: Pick<WorkerDeps, 'db' | 'queues' | 'clock'>, olderThanMs = 60_000): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - olderThanMs);
  let requeued = 0;
  for (const id of await pendingEmailIds(deps.db, cutoff)) {
    if (await deps.queues.email.getJob(`email-${id}`)) continue;
    await addJob(deps.queues, 'send-email', { emailId: id }, { jobId: `email-${id}` });
    requeued++;
  }
  return requeued;
}
