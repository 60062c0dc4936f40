/**
 * A department is told that the strategy office moved the due date of its tasks: the new date
 * and the reason, in the language each recipient reads. Records the emails (once each, by
 * reason key) in one transaction; sending is the caller's (the announce-due-date job).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Static } from 'typebox';
import { reviewTasks } from '../../db/schema/index.ts';
import { dueDateChangedEmail } from '../../templates/emails/due-date-changed.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { JOB_PAYLOADS } from '../outbox/job-payloads.ts';
import { checkSystemWork } from '../system-work.ts';
import { createEmail } from './create-email.ts';
import { departmentRecipientsByLocale } from './recipients.ts';
import { taskLines } from './task-lines.ts';

export const EmailDueDateInput = JOB_PAYLOADS['announce-due-date'];

export async function emailDueDate({ ctx, input, publicUrl }: { ctx: ServiceContext; input: Static<typeof EmailDueDateInput>; publicUrl: string }) {
  checkSystemWork(ctx, EmailDueDateInput, input, 'announcing a due date');
  return withTransaction(ctx, async (tx) => {
    const tasks = await taskLines(tx, publicUrl, and(inArray(reviewTasks.id, input.taskIds), eq(reviewTasks.departmentId, input.departmentId)));
    if (tasks.length === 0) return { skipped: 'no task any more', emailIds: [] };
    const { department, groups } = await departmentRecipientsByLocale(tx, input.departmentId);
    const emailIds = [];
    for (const { locale, to } of groups) {
      const content = dueDateChangedEmail(
        { departmentName: department!.name, fiscalYear: tasks[0]!.fiscalYear, previousDueDate: input.previousDueDate, dueDate: input.dueDate, reason: input.reason, tasks, tasksUrl: `${publicUrl}/tasks` },
        locale,
      );
      emailIds.push(await createEmail(tx, { organizationId: tasks[0]!.organizationId, reasonKey: `due-date:${input.changeId}:${input.departmentId}:${locale}`, template: 'due-date-changed', locale, to, content }));
    }
    return { emailIds };
  });
}
