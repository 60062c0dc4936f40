/**
 * Nothing lost, nothing twice: effects travel from the transaction through the outbox to the
 * queue and out over a real SMTP server; an invalid payload fails at once; SMTP down then up
 * delivers each email once; a worker killed mid-send and restarted delivers each email once;
 * a job Redis lost is published again.
 */
import { spawn } from 'node:child_process';
import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { emails, organizations, outbox } from '../../db/schema/index.ts';
import { addJob } from '../../jobs/add-job.ts';
import { closeQueues, createQueues } from '../../jobs/queues.ts';
import { outboxJobId, relayOutbox, sweepOutbox } from '../../jobs/outbox-relay.ts';
import { runWorker } from '../../jobs/run-worker.ts';
import { connectRedis } from '../../services/boot.ts';
import { createEmail } from '../../services/notifications/create-email.ts';
import { buildApp } from '../../services/http/app.ts';
import { DEMO, signIn } from '../helpers/client.ts';
import { openCycle } from '../helpers/review-flow.ts';
import { useTestDeps } from '../helpers/setup.ts';
import { startSmtpSink } from '../helpers/smtp.ts';
import { waitForIdle } from '../helpers/worker.ts';

let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let deps: Awaited<ReturnType<typeof useTestDeps>>;
let organizationId: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  deps = await useTestDeps({ env: { SMTP_URL: smtp.url, JOB_LOCK_MS: '1500' } });
  [{ id: organizationId }] = (await deps.db.select({ id: organizations.id }).from(organizations)) as [{ id: string }];
});

const email = (reasonKey: string) =>
  createEmail(deps.db, {
    organizationId,
    reasonKey,
    template: 'test',
    locale: 'ja',
    to: ['industry-employment@tomakomai.example'],
    content: { subject: `件名 ${reasonKey}`, greeting: '工業・雇用振興課 ご担当者様', paragraphs: ['本文'], closing: ['以上'] },
  });

describe('from a state change to an email', () => {
  it('carries a returned submission to the department, once, in business Japanese', async () => {
    const app = await buildApp(deps);
    const so = await signIn(app, DEMO.strategy);
    const clerk = await signIn(app, DEMO.care);
    const planId = (await so.get('/api/plans')).json().items[0].id;
    await openCycle(so, planId, 2022, 1, new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10));
    const [task] = (await clerk.get('/api/tasks')).json().items;
    const [kpi] = (await clerk.get(`/api/tasks/${task.id}`)).json().kpis;
    await clerk.post(`/api/tasks/${task.id}/submissions`, { values: [{ kpiId: kpi.id, value: 12 }] });
    await so.post(`/api/tasks/${task.id}/return`, { comment: '累計値で入力してください' });
    await app.close();

    // The transaction committed its outbox row; no worker ran yet (as after a crash before enqueue).
    const rows = await deps.db.select().from(outbox).where(eq(outbox.job, 'announce-task-returned'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.publishedAt).toBeNull();

    const worker = await runWorker(deps, { schedulers: false, relayIdleMs: 50 });
    try {
      await waitForIdle(worker);
    } finally {
      await worker.close();
    }
    const returned = smtp.received.filter((m) => m.subject.includes('差し戻しました'));
    expect(returned).toHaveLength(1);
    expect(returned[0]).toMatchObject({ to: ['care-welfare@tomakomai.example'] });
    expect(returned[0]!.subject).toBe('【総合戦略】令和4年度実績の調査票を差し戻しました（介護人材確保支援事業）');
    expect(returned[0]!.text).toContain('介護福祉課 ご担当者様');
    expect(returned[0]!.text).toContain('理由：累計値で入力してください');
    expect(returned[0]!.text).toContain(`/tasks/${task.id}`);
    expect(returned[0]!.html).toContain('介護人材確保支援事業');
    const [row] = await deps.db.select().from(emails).where(eq(emails.template, 'task-returned'));
    expect(row).toMatchObject({ status: 'sent', attempts: 1, messageId: `<${row!.id}@cityplan>` });
    expect(returned[0]!.messageId).toBe(`<${row!.id}@cityplan>`);
    expect((await deps.db.select().from(outbox).where(eq(outbox.id, rows[0]!.id)))[0]!.completedAt).not.toBeNull();
  });

  it('records the same email once, however often it is asked for', async () => {
    expect(await email('twice')).not.toBeNull();
    expect(await email('twice')).toBeNull();
    expect(await deps.db.select().from(emails).where(eq(emails.reasonKey, 'twice'))).toHaveLength(1);
  });
});

describe('failures', () => {
  it('fails an invalid payload at once, without retries', async () => {
    const worker = await runWorker(deps, { schedulers: false, relayIdleMs: 50 });
    try {
      const job = await worker.deps.queues.email.add('send-email', { emailId: 'not-a-uuid' }, { attempts: 5, jobId: 'invalid-payload' });
      await expect.poll(async () => (await worker.deps.queues.email.getJob(job.id!))?.failedReason, { timeout: 5000 }).toMatch(/invalid payload for send-email/);
      expect((await worker.deps.queues.email.getJob(job.id!))!.attemptsMade).toBe(1);
    } finally {
      await worker.close();
    }
  });

  it('retries while SMTP is down and delivers each email once when it is back', async () => {
    await smtp.stop();
    const ids = [await email('down-1'), await email('down-2')];
    const worker = await runWorker(deps, { schedulers: false, relayIdleMs: 50 });
    try {
      for (const id of ids) await addJob(worker.deps.queues, 'send-email', { emailId: id! }, { jobId: `email-${id}` });
      await expect.poll(async () => (await deps.db.select().from(emails).where(inArray(emails.id, ids as string[]))).every((e) => e.attempts >= 1), { timeout: 5000 }).toBe(true);
      const failing = await deps.db.select().from(emails).where(inArray(emails.id, ids as string[]));
      expect(failing.every((e) => e.status === 'pending' && /ECONNREFUSED/.test(e.lastError ?? ''))).toBe(true);
      await smtp.start();
      await waitForIdle(worker, 30_000);
    } finally {
      await worker.close();
    }
    for (const key of ['down-1', 'down-2']) expect(smtp.received.filter((m) => m.subject === `件名 ${key}`)).toHaveLength(1);
    const sent = await deps.db.select().from(emails).where(inArray(emails.id, ids as string[]));
    expect(sent.map((e) => [e.status, e.attempts])).toEqual([['sent', 2], ['sent', 2]]);
  });

  it('delivers each email once when the worker is killed mid-send and another takes over', { timeout: 90_000 }, async () => {
    const ids = [await email('kill-1'), await email('kill-2'), await email('kill-3')];
    const connection = await connectRedis(deps.config, 'test-producer');
    const queues = createQueues(deps.config, connection);
    for (const id of ids) await addJob(queues, 'send-email', { emailId: id! }, { jobId: `email-${id}` });

    // The SMTP server holds its answer, so the worker is in the middle of sending when it dies.
    smtp.setHold(4000);
    const child = spawn(process.execPath, ['jobs/worker.ts'], {
      env: { ...process.env, DATABASE_URL: deps.config.databaseUrl, SMTP_URL: smtp.url, QUEUE_PREFIX: deps.config.queuePrefix, JOB_LOCK_MS: '1500', LOG_LEVEL: 'silent', SEED_PLAN_FILE: '' },
      stdio: 'ignore',
    });
    const startedBefore = smtp.dataStarted;
    await expect.poll(() => smtp.dataStarted, { timeout: 15_000 }).toBeGreaterThan(startedBefore);
    const receivedBefore = smtp.received.length;
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    smtp.setHold(0);

    const worker = await runWorker(deps, { schedulers: false, relayIdleMs: 50 });
    try {
      await waitForIdle(worker, 60_000);
    } finally {
      await worker.close();
      await closeQueues(queues);
      connection.disconnect();
    }
    // The worker died holding messages the server had not yet accepted: none of them counted as delivered.
    expect(receivedBefore).toBe(smtp.received.filter((m) => !m.subject.startsWith('件名 kill')).length);
    for (const key of ['kill-1', 'kill-2', 'kill-3']) expect(smtp.received.filter((m) => m.subject === `件名 ${key}`), key).toHaveLength(1);
    expect((await deps.db.select().from(emails).where(inArray(emails.id, ids as string[]))).every((e) => e.status === 'sent')).toBe(true);
  });

  it('publishes again what Redis lost', async () => {
    const [row] = await deps.db.insert(outbox).values({ job: 'announce-action-item', payload: { actionItemId: '00000000-0000-4000-8000-000000000001' } }).returning();
    const connection = await connectRedis(deps.config, 'test-loss');
    const queues = createQueues(deps.config, connection);
    try {
      expect(await relayOutbox({ db: deps.db, queues, clock: deps.clock })).toBe(1);
      // Redis restarts without persistence: the job is gone, the outbox row still says unfinished.
      await queues.events.obliterate({ force: true });
      expect(await queues.events.getJob(outboxJobId(row!))).toBeUndefined();
      expect(await sweepOutbox({ db: deps.db, queues, clock: deps.clock }, 0)).toBe(1);
      expect(await queues.events.getJob(outboxJobId(row!))).toBeDefined();
      // A second sweep finds the job there and adds nothing.
      expect(await sweepOutbox({ db: deps.db, queues, clock: deps.clock }, 0)).toBe(0);
    } finally {
      await closeQueues(queues);
      connection.disconnect();
    }
    const worker = await runWorker(deps, { schedulers: false, relayIdleMs: 50 });
    try {
      await waitForIdle(worker);
    } finally {
      await worker.close();
    }
    expect((await deps.db.select().from(outbox).where(eq(outbox.id, row!.id)))[0]!.completedAt).not.toBeNull();
  });

  it('stops gracefully on SIGTERM', async () => {
    const child = spawn(process.execPath, ['jobs/worker.ts'], {
      env: { ...process.env, DATABASE_URL: deps.config.databaseUrl, SMTP_URL: smtp.url, QUEUE_PREFIX: deps.config.queuePrefix, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => d.toString().includes('worker running') && resolve()));
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
  });
});
