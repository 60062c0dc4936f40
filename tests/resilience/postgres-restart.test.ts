/**
 * PostgreSQL restarted under a working system: a cluster of this file's own (never the shared
 * server), migrated and seeded as the test template is, with the API and a worker running on
 * it. While it is down, requests fail cleanly (503, no stack) and change nothing; once it is
 * back, the same app and worker carry on without anything being rebuilt, and every email
 * that was in flight goes out once.
 */
import type { FastifyInstance } from 'fastify';
import { inArray } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { emails } from '../../db/schema/index.ts';
import type { Queues } from '../../jobs/queues.ts';
import { runWorker } from '../../jobs/run-worker.ts';
import { connectRedis } from '../../services/boot.ts';
import { systemClock } from '../../services/context.ts';
import type { AppDeps } from '../../services/deps.ts';
import { buildApp } from '../../services/http/app.ts';
import { importPlan } from '../../services/plans/import-plan.ts';
import { readPlanFile } from '../../services/plans/seed-plan.ts';
import { createDemoUsers } from '../../services/users/demo-users.ts';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { testConfig } from '../helpers/setup.ts';
import { startSmtpSink } from '../helpers/smtp.ts';
import { SEED_PLAN_FILE } from '../helpers/test-databases.ts';
import { expectSurvived, inDays, queuedEmails, settle, useQueues } from './scenario.ts';
import { cleanUp, onCleanUp, postgresAvailable, usePrivatePostgres } from './servers.ts';

let pg: Awaited<ReturnType<typeof usePrivatePostgres>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let database: ReturnType<typeof createDatabase>;
let deps: AppDeps;
let queues: Queues;
let app: FastifyInstance;
let so: Client, employment: Client;
let tasks: { id: string; kpis: { id: string }[] }[];

afterAll(cleanUp);

const submit = (task: (typeof tasks)[number], value: number) => employment.post(`/api/tasks/${task.id}/submissions`, { values: task.kpis.map((k) => ({ kpiId: k.id, value })) });

describe.skipIf(!postgresAvailable())('PostgreSQL restarted', () => {
  beforeAll(async () => {
    pg = await usePrivatePostgres();
    const url = pg.url('postgres');
    await migrateDatabase(url);
    database = createDatabase(url, { max: 5 });
    onCleanUp(() => database.close());
    const ctx = { db: database.db, clock: systemClock, actor: { type: 'system' as const, name: 'tests' } };
    await importPlan({ ctx, input: await readPlanFile(SEED_PLAN_FILE) });
    await createDemoUsers(ctx);

    smtp = await startSmtpSink();
    onCleanUp(() => smtp.stop());
    const config = testConfig({ url }, { SMTP_URL: smtp.url, JOB_LOCK_MS: '1000' });
    const redis = await connectRedis(config, 'test');
    onCleanUp(() => redis.disconnect());
    deps = { config, db: database.db, redis, clock: systemClock };
    queues = await useQueues(deps);
    app = await buildApp(deps);
    onCleanUp(() => app.close());
    const worker = await runWorker(deps, { schedulers: false, relayIdleMs: 50, log: pino({ level: 'silent' }) });
    onCleanUp(() => worker.close());

    so = await signIn(app, DEMO.strategy);
    employment = await signIn(app, DEMO.employment);
    const planId = (await so.get('/api/plans')).json().items[0].id;
    expect((await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2022, measureNumbers: [1, 2], dueDate: inDays(20) })).statusCode).toBe(201);
    tasks = [];
    for (const { id } of (await employment.get('/api/tasks?fiscalYear=2022')).json().items as { id: string }[]) tasks.push({ id, kpis: (await employment.get(`/api/tasks/${id}`)).json().kpis });
    for (const task of tasks) expect((await submit(task, 1)).statusCode).toBe(201);
  }, 60_000);

  it('mid-activity: requests fail cleanly with 503 while it is down, then the same app and worker carry on', { timeout: 60_000 }, async () => {
    // Emails in flight when the database goes: the server answers each only after a while.
    smtp.setHold(1000);
    const direct = await queuedEmails(database.db, queues, 'pg', 10);
    expect((await so.post(`/api/tasks/${tasks[0]!.id}/return`, { comment: '確認してください' })).statusCode).toBe(200);
    const started = smtp.dataStarted;
    await expect.poll(() => smtp.dataStarted, { timeout: 10_000 }).toBeGreaterThanOrEqual(started + 3);
    const submissionsBefore = (await database.client`select count(*)::int as n from task_submissions`)[0]!.n as number;

    await pg.stop();
    // Down for longer than the held sends: the server accepts them while the database cannot record it.
    const during = [];
    for (let i = 0; i < 3; i++) {
      during.push(
        ...(await Promise.all([employment.get('/api/tasks?fiscalYear=2022'), submit(tasks[1]!, 100 + i), so.post(`/api/tasks/${tasks[2]!.id}/accept`, {}), app.inject({ method: 'GET', url: '/health/ready' })])),
      );
      await new Promise((r) => setTimeout(r, 500));
    }
    smtp.setHold(0);
    await pg.start();

    for (const res of during) {
      expect(res.statusCode, res.body).toBe(503);
      if (res.json().error) expect(res.body).not.toMatch(/ at |stack|ECONNREFUSED|postgres/i);
    }
    expect(during.filter((r) => r.json().error).map((r) => r.json().error.code)).toEqual(Array(9).fill('UNAVAILABLE'));

    // Back: the same app answers (its first query may still meet a connection the restart cut: a 503 too).
    await expect.poll(async () => (await employment.get('/api/tasks?fiscalYear=2022')).statusCode, { timeout: 10_000 }).toBe(200);
    // The refused requests wrote nothing; the refused submission can be made now; the worker finishes what was in flight.
    expect((await database.client`select count(*)::int as n from task_submissions`)[0]!.n).toBe(submissionsBefore);
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    const retried = await submit(tasks[1]!, 200);
    expect(retried.statusCode, retried.body).toBe(201);
    expect(retried.json().submission.version).toBe(2);
    expect((await so.post(`/api/tasks/${tasks[2]!.id}/return`, { comment: '再提出してください' })).statusCode).toBe(200);
    await settle(deps, queues);
    expect((await database.db.select().from(emails).where(inArray(emails.id, direct))).every((e) => e.status === 'sent')).toBe(true);
    expect(smtp.received.filter((m) => m.subject.includes('差し戻しました'))).toHaveLength(2);
    // Besides the season's kick-off, sent to each department when it was opened.
    expect(smtp.received.filter((m) => !m.subject.includes('実績の提出のお願い'))).toHaveLength(direct.length + 2);
    await expectSurvived('PostgreSQL restarted mid-activity', database.client, smtp.received, smtp.received.length);
  });
});
