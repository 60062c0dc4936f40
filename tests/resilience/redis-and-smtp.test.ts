/**
 * The servers around the app go away while it works: Redis is killed and started again empty
 * (no persistence, as on this machine), and the SMTP server is down for a while. The same
 * running app and worker carry on by themselves; every effect arrives once.
 */
import type { FastifyInstance } from 'fastify';
import { inArray } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emails } from '../../db/schema/index.ts';
import type { Queues } from '../../jobs/queues.ts';
import { runWorker } from '../../jobs/run-worker.ts';
import { buildApp } from '../../services/http/app.ts';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { expectSurvived, inDays, queuedEmails, type Scenario, settle, useScenario } from './scenario.ts';
import { cleanUp, onCleanUp, usePrivateRedis } from './servers.ts';

let redis: Awaited<ReturnType<typeof usePrivateRedis>>;
let smtp: Scenario['smtp'];
let deps: Scenario['deps'];
let queues: Queues;
let app: FastifyInstance;
let so: Client, employment: Client;
let tasks: string[];

afterAll(cleanUp);

beforeAll(async () => {
  redis = await usePrivateRedis();
  ({ smtp, deps, queues } = await useScenario({ REDIS_URL: redis.url, JOB_LOCK_MS: '1000' }));
  app = await buildApp(deps);
  onCleanUp(() => app.close());
  const worker = await runWorker(deps, { schedulers: false, relayIdleMs: 50, closeGraceMs: 3000, log: pino({ level: 'silent' }) });
  onCleanUp(() => worker.close());
  so = await signIn(app, DEMO.strategy);
  employment = await signIn(app, DEMO.employment);
  const planId = (await so.get('/api/plans')).json().items[0].id;
  expect((await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2022, measureNumbers: [1, 2, 3], dueDate: inDays(20) })).statusCode).toBe(201);
  // Submitted tasks, for the returns that carry each scenario's state changes.
  tasks = [];
  for (const task of (await employment.get('/api/tasks?fiscalYear=2022')).json().items as { id: string }[]) {
    const kpis = (await employment.get(`/api/tasks/${task.id}`)).json().kpis as { id: string }[];
    expect((await employment.post(`/api/tasks/${task.id}/submissions`, { values: kpis.map((k) => ({ kpiId: k.id, value: 4 })) })).statusCode).toBe(201);
    tasks.push(task.id);
  }
  expect(tasks.length).toBeGreaterThanOrEqual(5);
  await settle(deps, queues);
}, 60_000);

const returnTask = async () => {
  const res = await so.post(`/api/tasks/${tasks.shift()}/return`, { comment: '数値を確認してください' });
  expect(res.statusCode, res.body).toBe(200);
};
const returnedEmails = () => smtp.received.filter((m) => m.subject.includes('差し戻しました')).length;

describe('Redis restarted', () => {
  it('mid-flight: the app and the worker reconnect by themselves and the outbox delivers what was wiped, once', { timeout: 60_000 }, async () => {
    const before = smtp.received.length;
    // Work in flight when Redis dies: sends held at the server, jobs waiting in the queues.
    smtp.setHold(1500);
    const direct = await queuedEmails(deps.db, queues, 'redis', 20);
    await returnTask();
    const started = smtp.dataStarted;
    await expect.poll(() => smtp.dataStarted, { timeout: 10_000 }).toBeGreaterThan(started);
    await redis.kill();
    smtp.setHold(0);

    // While Redis is down the API reports it and still serves what needs only the database.
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().checks.postgres).toBe('ok');
    expect((await employment.get('/api/tasks?fiscalYear=2022')).statusCode).toBe(200);
    await returnTask();
    await new Promise((r) => setTimeout(r, 500));
    await redis.start();

    // Nothing is restarted or cleared by hand: the same app and worker carry on.
    await expect.poll(async () => (await app.inject({ method: 'GET', url: '/health/ready' })).statusCode, { timeout: 10_000 }).toBe(200);
    await settle(deps, queues);
    expect((await deps.db.select().from(emails).where(inArray(emails.id, direct))).every((e) => e.status === 'sent')).toBe(true);
    expect(returnedEmails()).toBe(2);

    // It serves again: signing in (rate limited through Redis) and a new state change, delivered.
    const again = await signIn(app, DEMO.strategy);
    expect((await again.get('/api/tasks')).statusCode).toBe(200);
    await returnTask();
    await settle(deps, queues);
    expect(returnedEmails()).toBe(3);
    expect(smtp.received.length - before).toBe(direct.length + 3);
    await expectSurvived('Redis killed and restarted empty', deps.database.sql, smtp.received, direct.length + 3);
  });
});

describe('SMTP down', () => {
  it('for a while: emails wait, are retried with backoff, and each is delivered once when it is back', { timeout: 60_000 }, async () => {
    const before = smtp.received.length;
    await smtp.stop();
    const direct = await queuedEmails(deps.db, queues, 'smtp-down', 5);
    await returnTask();
    // Every email has failed once with the connection refused, and waits for its retry.
    const failedOnce = async () => {
      const rows = await deps.db.select().from(emails).where(inArray(emails.status, ['pending', 'failed']));
      return rows.length === 6 && rows.every((e) => e.status === 'pending' && e.attempts === 1 && /ECONNREFUSED/.test(e.lastError ?? ''));
    };
    await expect.poll(failedOnce, { timeout: 10_000 }).toBe(true);
    expect((await employment.get('/api/tasks?fiscalYear=2022')).statusCode).toBe(200);
    await smtp.start();

    await settle(deps, queues);
    const sent = await deps.db.select().from(emails).where(inArray(emails.id, direct));
    expect(sent.every((e) => e.status === 'sent' && e.attempts >= 2)).toBe(true);
    expect(smtp.received.length - before).toBe(6);
    expect(returnedEmails()).toBe(4);
    await expectSurvived('SMTP down for a while, then back', deps.database.sql, smtp.received, 6);
  });
});
