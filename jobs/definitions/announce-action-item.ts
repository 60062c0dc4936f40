/** Act: a department is told of a follow-up item (services/notifications/email-action-item.ts). */
import { emailActionItem } from '../../services/notifications/email-action-item.ts';
import { sendEmails } from '../add-job.ts';
import { defineJob, systemContext } from '../define-job.ts';

export const announceActionItem = defineJob('announce-action-item', {
  async run(deps, payload) {
    const { emailId, skipped } = await emailActionItem({ ctx: systemContext(deps, 'announce-action-item'), input: payload, publicUrl: deps.config.publicUrl });
    if (skipped) return { skipped };
    await sendEmails(deps, [emailId]);
    return { emailId };
  },
});
