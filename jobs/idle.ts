/** Waiting until a worker has nothing left to do: for the season simulation and the tests. */
import { count, isNull } from 'drizzle-orm';
import { outbox } from '../db/schema/index.ts';
import { QUEUE_NAMES } from './queues.ts';
import type { RunningWorker } from './run-worker.ts';

/**
 * Waits until the outbox is drained and no queue has work left (retries waiting out their
 * backoff count as work). An email recorded without a send job is the email sweep's business.
 */
export async function waitForIdle(worker: RunningWorker, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let quietRounds = 0;
  while (Date.now() < deadline) {
    if (await isIdle(worker)) {
      if (++quietRounds >= 2) return;
    } else quietRounds = 0;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the worker did not become idle in time');
}


async function isIdle({ deps: { db, queues } }: RunningWorker): Promise<boolean> {
  const counts = await Promise.all(QUEUE_NAMES.map((name) => queues[name].getJobCounts('waiting', 'active', 'prioritized', 'waiting-children')));
  if (counts.some((c) => Object.values(c).some((n) => n > 0))) return false;
  // Delayed jobs count unless a job scheduler made them (those wait for their next time forever).
  const delayed = (await Promise.all(QUEUE_NAMES.map((name) => queues[name].getJobs(['delayed'])))).flat();
  if (delayed.some((j) => !j.repeatJobKey)) return false;
  const [unfinished] = await db.select({ n: count() }).from(outbox).where(isNull(outbox.completedAt));
  if (unfinished!.n === 0) return true;
  // Failed outbox jobs never complete: only what can still move counts.
  const failed = (await Promise.all(QUEUE_NAMES.map((name) => queues[name].getJobs(['failed'])))).flat();
  return unfinished!.n <= failed.filter((j) => String(j.id).startsWith('outbox-')).length;
}
