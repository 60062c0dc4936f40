/** A task was returned or reopened: its department is told (services/notifications/email-task-notice.ts). */
import type { Job } from 'bullmq';
import { emailTaskNotice } from '../../services/notifications/email-task-notice.ts';
import { sendEmails } from '../add-job.ts';
import { defineJob, systemContext, type WorkerDeps } from '../define-job.ts';

async function announce(deps: WorkerDeps, kind: 'returned' | 'reopened', input: { taskId: string }, job: Job) {
  const { emailId, skipped } = await emailTaskNotice({ ctx: systemContext(deps, `announce-task-${kind}`), input, kind, eventKey: job.id!, publicUrl: deps.config.publicUrl });
  if (skipped) return { skipped };
  await sendEmails(deps, [emailId]);
  return { emailId };
}

export const announceTaskReturned = defineJob('announce-task-returned', {
  run: (deps, payload, job) => announce(deps, 'returned', payload, job),
});

export const announceTaskReopened = defineJob('announce-task-reopened', {
  run: (deps, payload, job) => announce(deps, 'reopened', payload, job),
});
