/**
 * P3: the reminder sweep over every open task of every plan until its jobs are enqueued
 * (the product's fanOutReminders), against a raw BullMQ addBulk of the same number of jobs
 * of the same size. Nothing processes the queue meanwhile; both queues are emptied after.
 */
import { Queue } from 'bullmq';
import { fanOutReminders } from '../jobs/definitions/daily-run.ts';
import { closeQueues, createQueues, DEFAULT_JOB_OPTIONS } from '../jobs/queues.ts';
import { BENCH_DUE_DATE } from './p2-open-cycles.ts';
import type { Bench } from './setup.ts';

export async function benchReminderSweep(bench: Bench) {
  const { deps, sql } = bench;
  const queues = createQueues(deps.config, deps.redis);
  const raw = new Queue('bench-raw', { connection: deps.redis, prefix: deps.config.queuePrefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
  try {
    await queues.schedule.obliterate({ force: true });
    const planIds = (await sql<{ id: string }[]>`select id from plans`).map((p) => p.id);

    const started = performance.now();
    const jobs = await fanOutReminders({ db: deps.db, queues }, planIds, BENCH_DUE_DATE);
    const productMs = performance.now() - started;
    const queued = await queues.schedule.getJobCountByTypes('waiting', 'prioritized', 'delayed');
    if (queued !== jobs) throw new Error(`P3: the sweep reported ${jobs} jobs but ${queued} are queued`);

    // The same count of jobs, with payloads of the same shape and deterministic ids.
    const sample = (await queues.schedule.getWaiting(0, 0))[0]!.data;
    const rawStarted = performance.now();
    for (let i = 0; i < jobs; i += 1000) {
      await raw.addBulk(Array.from({ length: Math.min(1000, jobs - i) }, (_, k) => ({ name: 'send-reminder', data: sample, opts: { jobId: `raw-${i + k}` } })));
    }
    const rawMs = performance.now() - rawStarted;
    bench.log(`P3: ${jobs} reminder jobs from ${planIds.length} plans`);
    return { jobs, productMs, rawMs };
  } finally {
    await queues.schedule.obliterate({ force: true });
    await raw.obliterate({ force: true });
    await raw.close();
    await closeQueues(queues);
  }
}
