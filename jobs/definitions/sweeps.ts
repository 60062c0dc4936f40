/** The safety nets, every minute: re-publish outbox jobs and re-queue emails that Redis lost. */
import { defineJob } from '../define-job.ts';
import { sweepEmails } from '../email-sweep.ts';
import { sweepOutbox } from '../outbox-relay.ts';

export const sweepOutboxJob = defineJob('sweep-outbox', {
  run: async (deps) => ({ republished: await sweepOutbox(deps) }),
});

export const sweepEmailsJob = defineJob('sweep-emails', {
  run: async (deps) => ({ requeued: await sweepEmails(deps) }),
});
