/**
 * One reminder email for one department and one step of the season (kick-off, N days
 * before, on the day, N days overdue), listing all its tasks still open. The reason key
 * makes the same step impossible to send twice.
 */
import { eq } from 'drizzle-orm';
import { plans } from '../../db/schema/index.ts';
import { createEmail } from '../../services/notifications/create-email.ts';
import { departmentRecipients } from '../../services/notifications/recipients.ts';
import { departmentTasksAwaiting } from '../../services/notifications/task-lines.ts';
import { reminderEmail, type ReminderStep } from '../../templates/emails/reminder.ts';
import { defineJob } from '../define-job.ts';
import { sendEmails } from '../add-job.ts';

export const sendReminder = defineJob('send-reminder', {
  async run(deps, p) {
    const tasks = await departmentTasksAwaiting(deps.db, deps.config.publicUrl, p);
    if (tasks.length === 0) return { skipped: 'nothing open any more' };
    const [{ department, to }, [plan]] = await Promise.all([departmentRecipients(deps.db, p.departmentId), deps.db.select().from(plans).where(eq(plans.id, p.planId))]);
    const content = reminderEmail(
      { departmentName: department!.name, planName: plan!.name, fiscalYear: p.fiscalYear, dueDate: p.dueDate, step: p.step as ReminderStep, tasks, tasksUrl: `${deps.config.publicUrl}/tasks` },
      'ja',
    );
    const emailId = await createEmail(deps.db, {
      organizationId: plan!.organizationId,
      reasonKey: `remind:${p.planId}:${p.fiscalYear}:${p.departmentId}:${p.dueDate}:${p.stepKey}`,
      template: `reminder-${p.step.kind}`,
      locale: 'ja',
      to,
      content,
    });
    if (!emailId && to.length === 0) deps.log.warn({ department: department!.name }, 'reminder not sent: the department has no mailbox and no members');
    await sendEmails(deps, [emailId]);
    return { emailId, tasks: tasks.length };
  },
});
