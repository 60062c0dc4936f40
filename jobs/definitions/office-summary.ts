/** The strategy office's one summary a day (services/escalations/email-office-summary.ts), then sent. */
import { emailOfficeSummary } from '../../services/escalations/email-office-summary.ts';
import { sendEmails } from '../add-job.ts';
import { defineJob, systemContext } from '../define-job.ts';

export const officeSummary = defineJob('office-summary', {
  async run(deps, payload) {
    const { emailIds, ...result } = await emailOfficeSummary({ ctx: systemContext(deps, 'office-summary'), input: payload, publicUrl: deps.config.publicUrl });
    if ('skipped' in result) return { skipped: result.skipped };
    await sendEmails(deps, emailIds);
    return result;
  },
});
