/**
 * Sends one recorded email over SMTP. Retried with exponential backoff while SMTP is down
 * (8 attempts, from 5 s up to about 10 min apart: jobs/job-queues.ts); an email already sent is never sent again.
 * The Message-ID is derived from the email's id, so a retry is recognisably the same message.
 */
import { UnrecoverableError } from 'bullmq';
import { recordedEmail, recordSendFailure, recordSent } from '../../services/notifications/email-delivery.ts';
import { defineJob } from '../define-job.ts';

export const sendEmail = defineJob('send-email', {
  async run({ db, mailer, clock }, { emailId }, job) {
    const email = await recordedEmail(db, emailId);
    if (!email) throw new UnrecoverableError(`email ${emailId} does not exist`);
    if (email.status === 'sent') return { skipped: 'already sent' };
    let messageId: string;
    try {
      ({ messageId } = await mailer.send({ to: email.to, cc: email.cc, subject: email.subject, text: email.text, html: email.html, messageId: `<${email.id}@cityplan>` }));
    } catch (error) {
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await recordSendFailure(db, email.id, error as Error, lastAttempt);
      throw error;
    }
    // The server has the message: a retry of this job would send it again. So recording it is
    // not a failed send but waits out a database outage (a restart) here, for a while.
    await untilRecorded(() => recordSent(db, email, messageId, clock.now()));
    return { messageId };
  },
});

/** Retries a write for up to about a minute (0.25 s, 0.5 s, … 5 s apart), then gives up with its last error. */
async function untilRecorded(write: () => Promise<unknown>, deadlineMs = 60_000) {
  const deadline = Date.now() + deadlineMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 5_000)));
    }
  }
}
