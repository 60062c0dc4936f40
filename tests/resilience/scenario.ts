/** What every fault scenario does around the fault: make work, wait for the system to settle, check. */
import { isNull } from 'drizzle-orm';
import { expect } from 'vitest';
import type { createDatabase, Database } from '../../db/client.ts';
import { organizations, outbox } from '../../db/schema/index.ts';
import { sendEmails } from '../../jobs/add-job.ts';
import { sweepEmails } from '../../jobs/email-sweep.ts';
import { waitForIdle } from '../../jobs/idle.ts';
import { sweepOutbox } from '../../jobs/outbox-relay.ts';
import { closeQueues, createQueues, QUEUE_NAMES, type Queues } from '../../jobs/queues.ts';
import type { RunningWorker } from '../../jobs/run-worker.ts';
import { connectRedis } from '../../services/boot.ts';
import type { AppDeps } from '../../services/deps.ts';
import { createEmail } from '../../services/notifications/create-email.ts';
import { recordCount } from '../helpers/counts.ts';
import { useTestDeps } from '../helpers/setup.ts';
import { startSmtpSink } from '../helpers/smtp.ts';
import type { ReceivedEmail } from '../helpers/smtp.ts';
import { checkInvariants } from './invariants.ts';
import { onCleanUp } from './servers.ts';

/**
 * What most scenarios start from: an SMTP sink, the file's database (seeded) and Redis with
 * `env` on top, and its queues — all closed by cleanUp.
 */
export async function useScenario(env: Record<string, string> = {}) {
  const smtp = await startSmtpSink();
  onCleanUp(() => smtp.stop());
  const deps = await useTestDeps({ env: { SMTP_URL: smtp.url, ...env } });
  onCleanUp(async () => {
    deps.redis.disconnect();
    await deps.database.sql.end({ timeout: 5 });
  });
  const queues = await useQueues(deps);
  return { smtp, deps, queues };
}

export type Scenario = Awaited<ReturnType<typeof useScenario>>;

/** The file's queues, seen from outside any worker (as the admin's queue view sees them). */
export async function useQueues(deps: Pick<AppDeps, 'config'>): Promise<Queues> {
  const connection = await connectRedis(deps.config, 'resilience-test');
  const queues = createQueues(deps.config, connection);
  onCleanUp(async () => {
    await closeQueues(queues).catch(() => {});
    connection.disconnect();
  });
  return queues;
}

/**
 * Waits until the workers on these queues have nothing left to do, running meanwhile the two
 * safety nets the worker's schedulers run every minute (sooner here, and with no age limit):
 * they re-publish outbox jobs and re-queue emails that a fault lost. Nothing here repairs
 * anything by hand: the sweeps are the product's own.
 */
export async function settle(deps: Pick<AppDeps, 'db' | 'clock'>, queues: Queues, timeoutMs = 30_000) {
  const view = { deps: { ...deps, queues } } as unknown as RunningWorker;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const requeued = (await sweepOutbox({ ...deps, queues }, 0)) + (await sweepEmails({ ...deps, queues }, 0));
    const idle = await waitForIdle(view, 3000).then(
      () => true,
      () => false,
    );
    if (idle && requeued === 0) return;
    if (Date.now() > deadline) throw new Error(`the system did not settle in ${timeoutMs} ms: ${await describeWork(deps.db, queues)}`);
  }
}

/** What is still to do, for the message of a test that timed out waiting. */
async function describeWork(db: Database, queues: Queues) {
  const counts = Object.fromEntries(await Promise.all(QUEUE_NAMES.map(async (name) => [name, await queues[name].getJobCounts()] as const)));
  const unfinished = await db.select({ id: outbox.id, job: outbox.job, publishedAt: outbox.publishedAt }).from(outbox).where(isNull(outbox.completedAt)).limit(10);
  return JSON.stringify({ counts, unfinished });
}

/**
 * Checks every invariant, then records the survived fault (only after the assertions passed)
 * and how many emails went through it.
 */
export async function expectSurvived(scenario: string, sql: ReturnType<typeof createDatabase>['client'], received: ReceivedEmail[], emailsThroughFault: number) {
  expect(await checkInvariants(sql, { received })).toEqual([]);
  recordCount('resilience faults survived', 1, scenario);
  recordCount('resilience emails checked', emailsThroughFault, scenario);
}

/** `n` recorded emails with their send jobs queued, as a job that writes emails queues them (sendEmails). */
export async function queuedEmails(db: Database, queues: Queues, prefix: string, n: number) {
  const [{ id: organizationId }] = (await db.select({ id: organizations.id }).from(organizations).limit(1)) as [{ id: string }];
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) {
    const id = await createEmail(db, {
      organizationId,
      reasonKey: `${prefix}-${i}`,
      template: 'test',
      locale: 'ja',
      to: ['industry-employment@tomakomai.example'],
      content: { subject: `${prefix} ${i}`, greeting: '工業・雇用振興課 ご担当者様', paragraphs: ['本文'], closing: ['以上'] },
    });
    ids.push(id!);
  }
  await sendEmails({ queues }, ids);
  return ids;
}

export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
