/**
 * One reminder email for one department and one step of the season (kick-off, N days
 * before, on the day, N days overdue), listing all its tasks still open. The reason key
 * makes the same step impossible to record twice; sending is the caller's (the send-reminder job).
 */
import { eq } from 'drizzle-orm';
import type { Static } from 'typebox';
import { plans } from '../../db/schema/index.ts';
import { reminderEmail } from '../../templates/emails/reminder.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { JOB_PAYLOADS } from '../outbox/job-payloads.ts';
import { checkSystemWork } from '../system-work.ts';
import { createEmail } from './create-email.ts';
import { departmentRecipients } from './recipients.ts';
import { departmentTasksAwaiting } from './task-lines.ts';

export const EmailReminderInput = JOB_PAYLOADS['send-reminder'];

export async function emailReminder({ ctx, input: p, publicUrl }: { ctx: ServiceContext; input: Static<typeof EmailReminderInput>; publicUrl: string }) {
  checkSystemWork(ctx, EmailReminderInput, p, 'reminding a department');
  return withTransaction(ctx, async (tx) => {
    const tasks = await departmentTasksAwaiting(tx, publicUrl, p);
    if (tasks.length === 0) return { skipped: 'nothing open any more', emailId: null };
    const [{ department, to }, [plan]] = await Promise.all([departmentRecipients(tx, p.departmentId), tx.select().from(plans).where(eq(plans.id, p.planId))]);
    const content = reminderEmail(
      { departmentName: department!.name, planName: plan!.name, fiscalYear: p.fiscalYear, dueDate: p.dueDate, step: p.step, tasks, tasksUrl: `${publicUrl}/tasks` },
      'ja',
    );
    const emailId = await createEmail(tx, {
      organizationId: plan!.organizationId,
      reasonKey: `remind:${p.planId}:${p.fiscalYear}:${p.departmentId}:${p.dueDate}:${p.stepKey}`,
      template: `reminder-${p.step.kind}`,
      locale: 'ja',
      to,
      content,
    });
    return { emailId, tasks: tasks.length, noRecipients: !emailId && to.length === 0 ? department!.name : undefined };
  });
}
