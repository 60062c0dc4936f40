/**
 * Where each job runs: its queue and any BullMQ options beyond the queue's defaults
 * (jobs/queues.ts). Kept apart from the handlers (jobs/registry.ts) so that enqueueing by name
 * (add-job.ts) and the outbox relay need no handler: that is what keeps `jobs/` free of cycles.
 * Typed over every job name, so a new job without a queue does not compile.
 */
import type { JobsOptions } from 'bullmq';
import { isJobName, type JobName } from '../services/outbox/job-payloads.ts';
import type { QueueName } from './queues.ts';

export interface JobRoute {
  queue: QueueName;
  options?: JobsOptions;
}

/** Sending is retried with exponential backoff while SMTP is down: 8 attempts, from 5 s up to about 10 min apart. */
export const SEND_EMAIL_ATTEMPTS = 8;

export const JOB_QUEUES: Record<JobName, JobRoute> = {
  'send-email': { queue: 'email', options: { attempts: SEND_EMAIL_ATTEMPTS, backoff: { type: 'exponential', delay: 5_000 } } },
  'daily-tick': { queue: 'schedule' },
  'plan-daily-run': { queue: 'schedule' },
  'send-reminder': { queue: 'schedule' },
  'escalate-to-head': { queue: 'schedule' },
  'office-summary': { queue: 'schedule' },
  'announce-phase': { queue: 'events' },
  'announce-task-returned': { queue: 'events' },
  'announce-task-reopened': { queue: 'events' },
  'announce-action-item': { queue: 'events' },
  'announce-due-date': { queue: 'events' },
  'publish-decision': { queue: 'events' },
  'sweep-outbox': { queue: 'schedule' },
  'sweep-emails': { queue: 'schedule' },
};

/** The route of a name read back from the database. An unknown name still goes to a queue: the worker fails it for good, where people can see it. */
export const routeOf = (name: string): JobRoute => (isJobName(name) ? JOB_QUEUES[name] : { queue: 'events' });
