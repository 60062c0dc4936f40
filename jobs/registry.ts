/**
 * Every job there is: one map from job name to its definition (payload schema, queue, handler).
 *
 * How jobs are built here (docs/architecture.md says the same for the whole code base):
 * - A job's name and payload schema are in services/outbox/job-payloads.ts (JOB_PAYLOADS), its
 *   queue and options in jobs/job-queues.ts, its handler in jobs/definitions/<name>.ts made
 *   with `defineJob('<name>', { run })`, and it is listed here. All three maps are typed over
 *   the same name union (`JobName`), so forgetting one of them is a compile error.
 * - Work is asked for by name, type-checked: inside a service transaction with
 *   `enqueue(tx, name, payload)` (an outbox row, published after commit by outbox-relay.ts);
 *   from a job or a script with `addJob(queues, name, payload, { jobId })`; on a timetable in
 *   schedulers.ts. Never by a string the compiler cannot check.
 * - A handler holds no business rule and no SQL that writes: it calls a service verb
 *   (`{ ctx, input }`, its own transaction, its record and outbox rows; ctx.actor is the
 *   system actor naming the job) and then does what only the worker can — add jobs, send mail.
 *   Reading to compose an email may use the query helpers of services/notifications.
 * - Handlers are idempotent (a job may run twice): deterministic job ids, reason keys on emails,
 *   unique keys on records. A payload that fails its schema fails at once, without retries.
 * - Layers (.dependency-cruiser.cjs, run by `npm run lint`): jobs may import services, db,
 *   workflows and templates; nothing below imports jobs, except services/main.ts and
 *   services/http (the outermost layer); a definition imports no other definition.
 */
import type { JobName } from '../services/outbox/job-payloads.ts';
import type { JobDefinition } from './define-job.ts';
import { announceActionItem } from './definitions/announce-action-item.ts';
import { announcePhase } from './definitions/announce-phase.ts';
import { announceTaskReopened, announceTaskReturned } from './definitions/announce-task.ts';
import { dailyTick, planDailyRun } from './definitions/daily-run.ts';
import { escalateToHead } from './definitions/escalate-to-head.ts';
import { officeSummary } from './definitions/office-summary.ts';
import { publishDecision } from './definitions/publish-decision.ts';
import { sendEmail } from './definitions/send-email.ts';
import { sendReminder } from './definitions/send-reminder.ts';
import { sweepEmailsJob, sweepOutboxJob } from './definitions/sweeps.ts';

export const JOBS: { [N in JobName]: JobDefinition<N> } = {
  'send-email': sendEmail,
  'daily-tick': dailyTick,
  'plan-daily-run': planDailyRun,
  'send-reminder': sendReminder,
  'escalate-to-head': escalateToHead,
  'office-summary': officeSummary,
  'announce-phase': announcePhase,
  'announce-task-returned': announceTaskReturned,
  'announce-task-reopened': announceTaskReopened,
  'announce-action-item': announceActionItem,
  'publish-decision': publishDecision,
  'sweep-outbox': sweepOutboxJob,
  'sweep-emails': sweepEmailsJob,
};

/** The definition of a name read from a queue, or undefined for a name no job has. */
export function jobByName(name: string): JobDefinition | undefined {
  return Object.hasOwn(JOBS, name) ? JOBS[name as JobName] : undefined;
}
