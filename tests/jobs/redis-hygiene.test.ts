/**
 * Redis stays tidy: every job is kept for a bounded time and number once finished, a run's
 * keys all live under its queue prefix and can be removed to the last one, and the default
 * prefix comes from the install id in the database (docs/operations.md).
 */
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { installation } from '../../db/schema/index.ts';
import { queueKeys, removeQueueKeys } from '../../jobs/queue-keys.ts';
import { closeQueues, createQueues, QUEUE_NAMES } from '../../jobs/queues.ts';
import { runWorker } from '../../jobs/run-worker.ts';
import { registerSchedulers } from '../../jobs/schedulers.ts';
import { queuePrefixOf } from '../../services/boot.ts';
import { parseConfig } from '../../services/config.ts';
import { useTestDeps } from '../helpers/setup.ts';
import { startSmtpSink } from '../helpers/smtp.ts';
import { waitForIdle } from '../helpers/worker.ts';
import { queuedEmails } from '../resilience/scenario.ts';

const smtp = await startSmtpSink();
afterAll(() => smtp.stop());
const deps = await useTestDeps({ env: { SMTP_URL: smtp.url } });

const bounded = (retention: unknown) => typeof retention === 'object' && retention !== null && 'age' in retention && 'count' in retention && Number(retention.age) > 0 && Number(retention.count) > 0;

describe('Redis hygiene', () => {
  it('keeps finished jobs of every queue and every scheduler for a bounded time and number', async () => {
    const queues = createQueues(deps.config, deps.redis);
    try {
      for (const name of QUEUE_NAMES) {
        expect(bounded(queues[name].defaultJobOptions.removeOnComplete), `${name} removeOnComplete`).toBe(true);
        expect(bounded(queues[name].defaultJobOptions.removeOnFail), `${name} removeOnFail`).toBe(true);
      }
      await registerSchedulers(queues);
      // Nothing works these queues: each scheduler's next job waits (due now) or is delayed.
      const scheduled = await queues.schedule.getJobs(['delayed', 'waiting']);
      expect(new Set(scheduled.map((j) => j.name))).toEqual(new Set(['daily-tick', 'sweep-outbox', 'sweep-emails']));
      for (const job of scheduled) {
        expect(bounded(job.opts.removeOnComplete), `${job.name} removeOnComplete`).toBe(true);
        expect(bounded(job.opts.removeOnFail), `${job.name} removeOnFail`).toBe(true);
      }
    } finally {
      await closeQueues(queues);
      await removeQueueKeys(deps.redis, deps.config.queuePrefix);
    }
  });

  it('puts every key of a run under its prefix and removes them all', async () => {
    const prefix = deps.config.queuePrefix;
    expect(await queueKeys(deps.redis, prefix)).toEqual([]);
    const worker = await runWorker(deps, { schedulers: false, relayIdleMs: 50 });
    try {
      await queuedEmails(deps.db, worker.deps.queues, 'hygiene', 5);
      await waitForIdle(worker);
    } finally {
      await worker.close();
    }
    expect(smtp.received.filter((m) => m.subject.startsWith('hygiene '))).toHaveLength(5);
    const keys = await queueKeys(deps.redis, prefix);
    expect(keys.length).toBeGreaterThan(0);
    expect(await removeQueueKeys(deps.redis, prefix)).toBe(keys.length);
    expect(await queueKeys(deps.redis, prefix)).toEqual([]);
  });

  it('makes the default queue prefix from the install id, and QUEUE_PREFIX wins', async () => {
    const unset = parseConfig({ DATABASE_URL: deps.database.url });
    const [row] = await deps.db.select().from(installation);
    expect(await queuePrefixOf(unset, deps.db)).toBe(`cityplan-${row!.id.slice(0, 8)}`);
    // A copy of the database given its own id (docs/operations.md) gets queues of its own.
    await deps.db.update(installation).set({ id: '00000000-0000-4000-8000-00000000abcd' }).where(eq(installation.only, true));
    expect(await queuePrefixOf(unset, deps.db)).toBe('cityplan-00000000');
    expect(await queuePrefixOf(parseConfig({ DATABASE_URL: deps.database.url, QUEUE_PREFIX: 'mine' }), deps.db)).toBe('mine');
  });

  it('cannot hold a second install id', async () => {
    await expect(deps.db.insert(installation).values({})).rejects.toThrow();
    await expect(deps.db.insert(installation).values({ only: false })).rejects.toThrow();
  });
});
