/**
 * Every job there is: one map from job name to its definition (payload schema, queue, handler).
 *
 * Where a new job goes (docs/architecture.md says the same for the whole code base):
 * 1. Its name and payload schema: services/outbox/job-payloads.ts (JOB_PAYLOADS). The name union
 *    `JobName` comes from there; services may ask for the job from then on.
 * 2. Its queue and options: jobs/job-queues.ts. Its handler: jobs/definitions/<name>.ts,
 *    `defineJob('<name>', { run })`, listed below. All three maps are typed over `JobName`,
 *    so a job missing from one of them does not compile.
 * 3. What it does: a service verb (services/<domain>/<verb>.ts, `({ ctx, input })`), whose input
 *    schema is the job's payload schema, that starts with `checkSystemWork` (services/system-work.ts)
 *    and does its writes in one transaction: its record, its emails (createEmail), its outbox rows.
 *    The handler calls it with `systemContext(deps, '<name>')` and then does only what the worker
 *    does: add jobs (addJob/addJobs/sendEmails from add-job.ts) and log. No business rule and no
 *    SQL in jobs/definitions (reads go through service queries too).
 *
 * Asking for work, always by a name the compiler checks: in a service transaction
 * `enqueue(tx, name, payload)` (an outbox row, published after commit by outbox-relay.ts); from
 * a job `addJob(queues, name, payload, { jobId })`; on a timetable in schedulers.ts.
 * Handlers are idempotent (a job may run twice): deterministic job ids, reason keys on emails,
 * unique keys on records. A payload that fails its schema fails at once, without retries.
 * The only SQL in jobs/ is the outbox relay's (and idle.ts, for tests): moving the outbox table
 * to the queues is the worker's own machinery, not a business rule.
 *
 * Layers (.dependency-cruiser.cjs, run by `npm run lint`): jobs may import services, db,
 * workflows and templates, never services/http; nothing below imports jobs (services/main.ts,
 * which runs API and worker in one process, and services/http, the outermost layer, may); a
 * definition imports no other definition; no cycles.
 */
import type { JobName } from '../services/outbox/job-payloads.ts';
import type { JobDefinition } from './define-job.ts';
import { announceActionItem } from './definitions/announce-action-item.ts';
import { announceDueDate } from './definitions/announce-due-date.ts';
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
  'announce-due-date': announceDueDate,
  'publish-decision': publishDecision,
  'sweep-outbox': sweepOutboxJob,
  'sweep-emails': sweepEmailsJob,
};

/** The definition of a name read from a queue, or undefined for a name no job has. */
export function jobByName(name: string): JobDefinition | undefined {
  return Object.hasOwn(JOBS, name) ? JOBS[name as JobName] : undefined;
}
