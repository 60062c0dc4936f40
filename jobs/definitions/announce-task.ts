/** A task was returned for correction or reopened for a late submission: its department is told, with the comment. */
import { and, desc, eq } from 'drizzle-orm';
import { reviewEvents, reviewTasks } from '../../db/schema/index.ts';
import { createEmail } from '../../services/notifications/create-email.ts';
import { departmentRecipients } from '../../services/notifications/recipients.ts';
import { taskLines } from '../../services/notifications/task-lines.ts';
import { taskNoticeEmail } from '../../templates/emails/task-notice.ts';
import { defineJob, type WorkerDeps } from '../define-job.ts';
import { sendEmails } from '../add-job.ts';

async function announce(deps: WorkerDeps, kind: 'returned' | 'reopened', taskId: string, jobId: string) {
  const [task] = await taskLines(deps.db, deps.config.publicUrl, eq(reviewTasks.id, taskId));
  if (!task) return { skipped: 'task not found' };
  const [event] = await deps.db
    .select({ detail: reviewEvents.detail })
    .from(reviewEvents)
    .where(and(eq(reviewEvents.taskId, taskId), eq(reviewEvents.type, kind === 'returned' ? 'REVIEW_SUBMISSION' : 'REOPEN_TASK')))
    .orderBy(desc(reviewEvents.id))
    .limit(1);
  const detail = (event?.detail ?? {}) as { comment?: string | null; reason?: string | null };
  const { department, to } = await departmentRecipients(deps.db, task.departmentId);
  const content = taskNoticeEmail({ kind, departmentName: department!.name, fiscalYear: task.fiscalYear, task, dueDate: task.dueDate, comment: detail.comment ?? detail.reason ?? null }, 'ja');
  // The outbox job id is unique per event, so each return or reopening is told once.
  const emailId = await createEmail(deps.db, { organizationId: task.organizationId, reasonKey: `task-${kind}:${jobId}`, template: `task-${kind}`, locale: 'ja', to, content });
  await sendEmails(deps, [emailId]);
  return { emailId };
}

export const announceTaskReturned = defineJob('announce-task-returned', {
  run: (deps, { taskId }, job) => announce(deps, 'returned', taskId, job.id!),
});

export const announceTaskReopened = defineJob('announce-task-reopened', {
  run: (deps, { taskId }, job) => announce(deps, 'reopened', taskId, job.id!),
});
