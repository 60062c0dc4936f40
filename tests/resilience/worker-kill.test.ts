/**
 * The worker process dies as a crash kills it (SIGKILL): once in the middle of a batch of
 * reminders and emails, once with its outbox relay holding committed rows it had not yet
 * published. A supervisor starts it again; nothing is lost and nothing is sent twice. The
 * worker runs on a Redis of its own, so the relay can be held mid-publish (CLIENT PAUSE).
 */
import type { FastifyInstance } from 'fastify';
import { and, eq, inArray, isNull, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emails, outbox, reviewTasks } from '../../db/schema/index.ts';
import { addJob } from '../../jobs/add-job.ts';
import type { Queues } from '../../jobs/queues.ts';
import { isoDateInTokyo } from '../../services/fiscal-year.ts';
import { buildApp } from '../../services/http/app.ts';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { expectSurvived, inDays, queuedEmails, type Scenario, settle, useScenario } from './scenario.ts';
import { cleanUp, onCleanUp, usePrivateRedis, useWorkerProcesses } from './servers.ts';

let redis: Awaited<ReturnType<typeof usePrivateRedis>>;
let smtp: Scenario['smtp'];
let deps: Scenario['deps'];
let queues: Queues;
let app: FastifyInstance;
let so: Client, employment: Client;
let planId: string;
let spawnWorker: ReturnType<typeof useWorkerProcesses>;
let worker: Awaited<ReturnType<typeof spawnWorker>>;

/** As a supervisor would: a new worker process, without the hourly tick (these tests drive the day by hand). */
async function startWorker() {
  worker = await spawnWorker();
  await queues.schedule.removeJobScheduler('daily-tick');
}

/** Submits every KPI of one of the department's open tasks; returns the task id. */
async function submitOne(client: Client) {
  const task = (await client.get('/api/tasks?fiscalYear=2022')).json().items.find((t: { status: string }) => t.status === 'open');
  const kpis = (await client.get(`/api/tasks/${task.id}`)).json().kpis as { id: string }[];
  const res = await client.post(`/api/tasks/${task.id}/submissions`, { values: kpis.map((k) => ({ kpiId: k.id, value: 3 })) });
  expect(res.statusCode, res.body).toBe(201);
  return task.id as string;
}

afterAll(cleanUp);

beforeAll(async () => {
  redis = await usePrivateRedis();
  ({ smtp, deps, queues } = await useScenario({ REDIS_URL: redis.url, JOB_LOCK_MS: '1000' }));
  spawnWorker = useWorkerProcesses(() => ({ DATABASE_URL: deps.config.databaseUrl, REDIS_URL: redis.url, SMTP_URL: smtp.url, QUEUE_PREFIX: deps.config.queuePrefix, JOB_LOCK_MS: '1000' }));
  app = await buildApp(deps);
  onCleanUp(() => app.close());
  so = await signIn(app, DEMO.strategy);
  employment = await signIn(app, DEMO.employment);
  planId = (await so.get('/api/plans')).json().items[0].id;
  // Every measure's FY2022 review is open: each department has tasks to be reminded of.
  expect((await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2022, dueDate: inDays(20) })).statusCode).toBe(201);
}, 60_000);

describe('the worker killed with SIGKILL', () => {
  it('mid-batch: restarted, it sends every reminder and email once', { timeout: 60_000 }, async () => {
    const returnedLater = await submitOne(employment);
    const direct = await queuedEmails(deps.db, queues, 'batch', 50);
    await startWorker();
    await addJob(queues, 'plan-daily-run', { planId, date: isoDateInTokyo(new Date()) }, { jobId: `daily-${planId}-resilience` });

    // Let part of the batch go out, then hold the server's answers. The worker dies once every
    // pooled connection (five) is waiting for its answer and every message the server accepted
    // is recorded as sent: a kill between the server's "250" and that record would send one
    // again, with the same Message-ID (the documented limit of SMTP; docs/jobs-and-email.md).
    await expect.poll(() => smtp.received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(10);
    smtp.setHold(60_000);
    // Messages begun but not answered are the ones held (nothing was refused yet).
    await expect.poll(() => smtp.dataStarted - smtp.received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
    const recorded = async () => ((await deps.database.sql`select count(*)::int as n from emails where status = 'sent'`) as unknown as [{ n: number }])[0].n;
    await expect.poll(recorded, { timeout: 10_000, interval: 20 }).toBe(smtp.received.length);
    await worker.kill();
    smtp.setHold(0);
    const deliveredBeforeKill = smtp.received.length;
    const [{ pending }] = (await deps.database.sql`select count(*)::int as pending from emails where status = 'pending'`) as unknown as [{ pending: number }];
    expect(pending).toBeGreaterThan(0);

    await startWorker();
    await settle(deps, queues);

    // One reminder per department with open tasks (one group per department here), and every direct email.
    const waiting = await deps.db.selectDistinct({ departmentId: reviewTasks.departmentId }).from(reviewTasks).where(inArray(reviewTasks.status, ['open', 'returned']));
    const reminders = await deps.db.select().from(emails).where(like(emails.reasonKey, `remind:${planId}:2022:%`));
    expect(reminders).toHaveLength(waiting.length);
    expect(new Set(reminders.map((r) => r.reasonKey.split(':')[3])).size).toBe(waiting.length);
    expect((await deps.db.select().from(emails).where(inArray(emails.id, direct))).every((e) => e.status === 'sent')).toBe(true);
    expect(smtp.received.length).toBe(reminders.length + direct.length);
    expect(deliveredBeforeKill).toBeLessThan(smtp.received.length);

    // It serves again: a new state change reaches its department through the restarted worker.
    expect((await so.post(`/api/tasks/${returnedLater}/return`, { comment: '再確認してください' })).statusCode).toBe(200);
    await settle(deps, queues);
    expect(smtp.received.filter((m) => m.subject.includes('差し戻しました'))).toHaveLength(1);
    await expectSurvived('worker SIGKILLed mid-batch and restarted', deps.database.sql, smtp.received, smtp.received.length);
  });

  it('between commit and enqueue: the next worker publishes what the dead relay held, once', { timeout: 60_000 }, async () => {
    const before = smtp.received.length;
    const tasks = [await submitOne(employment), await submitOne(employment)];
    // Redis takes no writes: the relay can read and lock the committed rows but not publish them.
    expect(redis.cli('client', 'pause', '30000', 'WRITE')).toBe('OK');
    try {
      for (const id of tasks) expect((await so.post(`/api/tasks/${id}/return`, { comment: '単位を確認してください' })).statusCode).toBe(200);
      const held = deps.db.select({ id: outbox.id }).from(outbox).where(and(isNull(outbox.publishedAt), eq(outbox.job, 'announce-task-returned')));
      expect(await held).toHaveLength(2);
      // The relay holds rows once another transaction cannot lock them. It may have taken the first
      // return's row before the second committed (and then waits on Redis with it): at least one is held.
      const lockable = () => deps.db.transaction(async (tx) => (await tx.select({ id: outbox.id }).from(outbox).where(isNull(outbox.publishedAt)).for('update', { skipLocked: true })).length);
      await expect.poll(lockable, { timeout: 10_000 }).toBeLessThan(2);
      await worker.kill();
      // The dead relay's transaction is rolled back: the rows wait, unpublished, for the next one.
      await expect.poll(lockable, { timeout: 10_000 }).toBe(2);
      expect(await held).toHaveLength(2);
    } finally {
      redis.cli('client', 'unpause');
    }

    await startWorker();
    await settle(deps, queues);
    const returned = smtp.received.slice(before).filter((m) => m.subject.includes('差し戻しました'));
    expect(returned).toHaveLength(2);
    expect(smtp.received.length - before).toBe(2);
    await expectSurvived('outbox relay killed between commit and enqueue', deps.database.sql, smtp.received, 2);
  });
});
