/**
 * A task was returned for correction or reopened for a late submission: its department is
 * told, with the comment. Records the email in one transaction; sending is the caller's (the
 * announce-task-returned / -reopened jobs). `eventKey` is unique per event (the outbox job's
 * id), so each return or reopening is told once.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Static } from 'typebox';
import { reviewEvents, reviewTasks } from '../../db/schema/index.ts';
import { taskNoticeEmail } from '../../templates/emails/task-notice.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { JOB_PAYLOADS } from '../outbox/job-payloads.ts';
import { checkSystemWork } from '../system-work.ts';
import { createEmail } from './create-email.ts';
import { departmentRecipients } from './recipients.ts';
import { taskLines } from './task-lines.ts';

export const EmailTaskNoticeInput = JOB_PAYLOADS['announce-task-returned'];

export async function emailTaskNotice({ ctx, input, kind, eventKey, publicUrl }: { ctx: ServiceContext; input: Static<typeof EmailTaskNoticeInput>; kind: 'returned' | 'reopened'; eventKey: string; publicUrl: string }) {
  checkSystemWork(ctx, EmailTaskNoticeInput, input, 'announcing a task');
  const { taskId } = input;
  return withTransaction(ctx, async (tx) => {
    const [task] = await taskLines(tx, publicUrl, eq(reviewTasks.id, taskId));
    if (!task) return { skipped: 'task not found', emailId: null };
    const [event] = await tx
      .select({ detail: reviewEvents.detail })
      .from(reviewEvents)
      .where(and(eq(reviewEvents.taskId, taskId), eq(reviewEvents.type, kind === 'returned' ? 'REVIEW_SUBMISSION' : 'REOPEN_TASK')))
      .orderBy(desc(reviewEvents.id))
      .limit(1);
    const detail = (event?.detail ?? {}) as { comment?: string | null; reason?: string | null };
    const { department, to } = await departmentRecipients(tx, task.departmentId);
    const content = taskNoticeEmail({ kind, departmentName: department!.name, fiscalYear: task.fiscalYear, task, dueDate: task.dueDate, comment: detail.comment ?? detail.reason ?? null }, 'ja');
    const emailId = await createEmail(tx, { organizationId: task.organizationId, reasonKey: `task-${kind}:${eventKey}`, template: `task-${kind}`, locale: 'ja', to, content });
    return { emailId };
  });
}
