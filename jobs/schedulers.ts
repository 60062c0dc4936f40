/**
 * The recurring jobs, registered with BullMQ job schedulers (stable ids, so every worker
 * upserts the same three). The hourly tick drives the review calendar; the plan's own run
 * time decides when in the day its work starts.
 */
import { DEFAULT_JOB_OPTIONS, type Queues } from './queues.ts';

export const SCHEDULES = [
  { id: 'daily-tick', job: 'daily-tick', repeat: { pattern: '5 * * * *', tz: 'Asia/Tokyo' } },
  { id: 'sweep-outbox', job: 'sweep-outbox', repeat: { every: 60_000 } },
  { id: 'sweep-emails', job: 'sweep-emails', repeat: { every: 60_000 } },
] as const;

export async function registerSchedulers(queues: Queues) {
  for (const schedule of SCHEDULES) {
    await queues.schedule.upsertJobScheduler(schedule.id, schedule.repeat, {
      name: schedule.job,
      data: {},
      // Said here too: retention must not depend on whether the scheduler copies the queue's defaults.
      opts: { removeOnComplete: DEFAULT_JOB_OPTIONS.removeOnComplete, removeOnFail: DEFAULT_JOB_OPTIONS.removeOnFail },
    });
  }
}
