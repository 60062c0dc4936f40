/** A cycle entered a phase: the departments concerned are told (services/notifications/email-phase-notice.ts). */
import { emailPhaseNotice } from '../../services/notifications/email-phase-notice.ts';
import { sendEmails } from '../add-job.ts';
import { defineJob, systemContext } from '../define-job.ts';

export const announcePhase = defineJob('announce-phase', {
  async run(deps, payload) {
    const { emailIds, skipped } = await emailPhaseNotice({ ctx: systemContext(deps, 'announce-phase'), input: payload, publicUrl: deps.config.publicUrl });
    if (skipped) return { skipped };
    await sendEmails(deps, emailIds);
    return { emails: emailIds.filter(Boolean).length };
  },
});
