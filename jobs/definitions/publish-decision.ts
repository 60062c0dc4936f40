/** A decision of the log is announced to those it affects (services/notifications/email-decision.ts), then sent. */
import { emailDecision } from '../../services/notifications/email-decision.ts';
import { sendEmails } from '../add-job.ts';
import { defineJob, systemContext } from '../define-job.ts';

export const publishDecision = defineJob('publish-decision', {
  async run(deps, payload) {
    const { emailIds, skipped } = await emailDecision({ ctx: systemContext(deps, 'publish-decision'), input: payload, publicUrl: deps.config.publicUrl });
    if (skipped) return { skipped };
    await sendEmails(deps, emailIds);
    return { emails: emailIds.filter(Boolean).length };
  },
});
