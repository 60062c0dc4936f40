/** A department is told its due date moved, and why (services/notifications/email-due-date.ts). */
import { emailDueDate } from '../../services/notifications/email-due-date.ts';
import { sendEmails } from '../add-job.ts';
import { defineJob, systemContext } from '../define-job.ts';

export const announceDueDate = defineJob('announce-due-date', {
  async run(deps, payload) {
    const { emailIds, skipped } = await emailDueDate({ ctx: systemContext(deps, 'announce-due-date'), input: payload, publicUrl: deps.config.publicUrl });
    if (skipped) return { skipped };
    await sendEmails(deps, emailIds);
    return { emails: emailIds.filter(Boolean).length };
  },
});
