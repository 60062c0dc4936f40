/** A job worker for tests, on the file's own queues, and a way to wait until all the work it caused is done. */
import { count, isNull } from 'drizzle-orm';
import { afterAll } from 'vitest';
import { outbox } from '../../db/schema/index.ts';
import { runWorker, type RunningWorker } from '../../jobs/run-worker.ts';
import { QUEUE_NAMES } from '../../jobs/queues.ts';
import type { AppDeps } from '../../services/deps.ts';

export async function useWorker(deps: AppDeps): Promise<RunningWorker> {
  const worker = await runWorker(deps, { schedulers: false, relayIdleMs: 50 });
  afterAll(() => worker.close());
  return worker;
}

/**
 * Waits until the outbox is drained and no queue has work left (retries waiting out their
 * backoff count as work). An email recorded without a send job is the email sweep's business.
 */
export async function waitForIdle(worker: RunningWorker, timeoutMs = 20_000) {
  const { db, queues } = worker.deps;
  const deadline = Date.now() + timeoutMs;
  let quietRounds = 0;
  while (Date.now() < deadline) {
    const [unfinished] = await db.select({ n: count() }).from(outbox).where(isNull(outbox.completedAt));
    const counts = await Promise.all(QUEUE_NAMES.map((name) => queues[name].getJobCounts('waiting', 'active', 'prioritized', 'waiting-children')));
    // Delayed jobs count unless a job scheduler made them (those wait for their next time forever).
    const delayed = (await Promise.all(QUEUE_NAMES.map((name) => queues[name].getJobs(['delayed'])))).flat().filter((j) => !j.repeatJobKey).length;
    const queued = delayed + counts.reduce((n, c) => n + Object.values(c).reduce((a, b) => a + b, 0), 0);
    // Failed outbox jobs never complete: count only what can still move.
    const failedOutbox = (await Promise.all(QUEUE_NAMES.map((name) => queues[name].getJobs(['failed'])))).flat().filter((j) => String(j.id).startsWith('outbox-')).length;
    if (queued === 0 && unfinished!.n <= failedOutbox) {
      if (++quietRounds >= 2) return;
    } else quietRounds = 0;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the worker did not become idle in time');
}

