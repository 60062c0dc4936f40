/** Emails recorded but whose send job the queue does not have (a crash between commit and enqueue) are queued again. */
import { and, asc, eq, lt } from 'drizzle-orm';
import { emails } from '../db/schema/index.ts';
import type { WorkerDeps } from './define-job.ts';
import { addJob } from './add-job.ts';

export async function sweepEmails(deps: Pick<WorkerDeps, 'db' | 'queues' | 'clock'>, olderThanMs = 60_000): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - olderThanMs);
  const pending = await deps.db.select({ id: emails.id }).from(emails).where(and(eq(emails.status, 'pending'), lt(emails.createdAt, cutoff))).orderBy(asc(emails.createdAt)).limit(500);
  let requeued = 0;
  for (const { id } of pending) {
    if (await deps.queues.email.getJob(`email-${id}`)) continue;
    await addJob(deps.queues, 'send-email', { emailId: id }, { jobId: `email-${id}` });
    requeued++;
  }
  return requeued;
}
