/**
 * The recurring jobs, registered with BullMQ job schedulers (stable ids, so every worker
 * upserts the same three). The hourly tick drives the review calendar; the plan's own run
 * time decides when in the day its work starts. Each names a job of the map with its payload,
 * type-checked like any other enqueueing.
 */
import type { RepeatOptions } from 'bullmq';
import type { JobName, JobPayload } from '../services/outbox/job-payloads.ts';
import { JOB_QUEUES } from './job-queues.ts';
import { DEFAULT_JOB_OPTIONS, type Queues } from './queues.ts';

export type Schedule = { [N in JobName]: { id: string; job: N; data: JobPayload<N>; repeat: Omit<RepeatOptions, 'key'> } }[JobName];

export const SCHEDULES: Schedule[] = [
  { id: 'daily-tick', job: 'daily-tick', data: {}, repeat: { pattern: '5 * * * *', tz: 'Asia/Tokyo' } },
  { id: 'sweep-outbox', job: 'sweep-outbox', data: {}, repeat: { every: 60_000 } },
  { id: 'sweep-emails', job: 'sweep-emails', data: {}, repeat: { every: 60_000 } },
];

export async function registerSchedulers(queues: Queues) {
  for (const schedule of SCHEDULES) {
    await queues[JOB_QUEUES[schedule.job].queue].upsertJobScheduler(schedule.id, schedule.repeat, {
      name: schedule.job,
      data: schedule.data,
      // Said here too: retention must not depend on whether the scheduler copies the queue's defaults.
      opts: { removeOnComplete: DEFAULT_JOB_OPTIONS.removeOnComplete, removeOnFail: DEFAULT_JOB_OPTIONS.removeOnFail },
    });
  }
}
