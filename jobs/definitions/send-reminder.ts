/** One reminder for one department and step of the season (services/notifications/email-reminder.ts), then sent. */
import { emailReminder } from '../../services/notifications/email-reminder.ts';
import { sendEmails } from '../add-job.ts';
import { defineJob, systemContext } from '../define-job.ts';

export const sendReminder = defineJob('send-reminder', {
  async run(deps, payload) {
    const { emailId, skipped, tasks, noRecipients } = await emailReminder({ ctx: systemContext(deps, 'send-reminder'), input: payload, publicUrl: deps.config.publicUrl });
    if (skipped) return { skipped };
    if (noRecipients) deps.log.warn({ department: noRecipients }, 'reminder not sent: the department has no mailbox and no members');
    await sendEmails(deps, [emailId]);
    return { emailId, tasks };
  },
});
