/** First escalation level: the head is told of the department's overdue tasks (services/escalations/notify-head.ts), then the email is sent. */
import { notifyHead } from '../../services/escalations/notify-head.ts';
import { sendEmails } from '../add-job.ts';
import { defineJob, systemContext } from '../define-job.ts';

export const escalateToHead = defineJob('escalate-to-head', {
  async run(deps, payload) {
    const result = await notifyHead({ ctx: systemContext(deps, 'escalate-to-head'), input: payload, publicUrl: deps.config.publicUrl });
    if ('skipped' in result) {
      if (result.skipped === 'no head address') deps.log.warn({ department: result.department }, 'escalation not sent: the department has no head address');
      return { skipped: result.skipped };
    }
    await sendEmails(deps, [result.emailId]);
    return result;
  },
});
