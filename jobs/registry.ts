/** Every job there is, by name. Adding a job means adding its definition here. */
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

export const JOBS: JobDefinition<any>[] = [
  sendEmail,
  dailyTick,
  planDailyRun,
  sendReminder,
  escalateToHead,
  officeSummary,
  announcePhase,
  announceTaskReturned,
  announceTaskReopened,
  announceActionItem,
  publishDecision,
  sweepOutboxJob,
  sweepEmailsJob,
];

const byName = new Map(JOBS.map((job) => [job.name, job]));

export function jobByName(name: string): JobDefinition<any> | undefined {
  return byName.get(name);
}
