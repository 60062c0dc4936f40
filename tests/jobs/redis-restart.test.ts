/**
 * Redis restarts (without persistence, as on this machine): the worker reconnects by itself,
 * and what the restart wiped is published again from the outbox. Runs a Redis of its own so
 * the shared one is never touched.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emails, organizations, outbox } from '../../db/schema/index.ts';
import { sweepOutbox } from '../../jobs/outbox-relay.ts';
import { runWorker, type RunningWorker } from '../../jobs/run-worker.ts';
import { connectRedis } from '../../services/boot.ts';
import { createEmail } from '../../services/notifications/create-email.ts';
import { useTestDatabase, testConfig } from '../helpers/setup.ts';
import { startSmtpSink } from '../helpers/smtp.ts';

const port = 20_000 + Math.floor(Math.random() * 20_000);
let redis: ChildProcess;
const startRedis = async () => {
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`redis-server on port ${port} did not start`);
};
const stopRedis = async () => {
  const exited = new Promise((r) => redis.once('exit', r));
  redis.kill('SIGKILL');
  await exited;
};

let worker: RunningWorker;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let database: Awaited<ReturnType<typeof useTestDatabase>>;

beforeAll(async () => {
  await startRedis();
  smtp = await startSmtpSink();
  database = await useTestDatabase();
  const config = testConfig(database, { REDIS_URL: `redis://127.0.0.1:${port}`, SMTP_URL: smtp.url, JOB_LOCK_MS: '1500' });
  const connection = await connectRedis(config, 'test');
  worker = await runWorker({ config, db: database.db, redis: connection, clock: { now: () => new Date() } }, { schedulers: false, relayIdleMs: 50, closeGraceMs: 3000, log: pino({ level: 'silent' }) });
});

afterAll(async () => {
  await worker?.close().catch(() => {});
  redis.kill('SIGKILL');
});

const outboxEmail = async (key: string) => {
  const id = await createEmail(database.db, { organizationId: (await database.db.select({ id: organizations.id }).from(organizations))[0]!.id, reasonKey: key, template: 'test', locale: 'ja', to: ['someone@tomakomai.example'], content: { subject: key, greeting: '様', paragraphs: [], closing: [] } });
  // The email's sending goes through the outbox, as every effect of a state change does.
  await database.db.insert(outbox).values({ job: 'send-email', payload: { emailId: id } });
  return id!;
};

describe('a Redis restart', () => {
  it('is survived: the worker reconnects and the outbox delivers what the restart wiped', async () => {
    const before = await outboxEmail('before-restart');
    await expect.poll(() => smtp.received.filter((m) => m.subject === 'before-restart').length, { timeout: 10_000 }).toBe(1);

    // Redis dies with a job published but not yet done: hold the SMTP answer so it is in flight.
    smtp.setHold(3000);
    const during = await outboxEmail('during-restart');
    await expect.poll(async () => (await database.db.select().from(outbox).where(eq(outbox.payload, { emailId: during }))).at(0)?.publishedAt ?? null, { timeout: 10_000 }).not.toBeNull();
    await stopRedis();
    smtp.setHold(0);
    await new Promise((r) => setTimeout(r, 1000));
    await startRedis();

    const after = await outboxEmail('after-restart');
    await expect.poll(() => smtp.received.filter((m) => m.subject === 'after-restart').length, { timeout: 20_000 }).toBe(1);
    // The job in flight may have been delivered before the crash or wiped with it; the sweep republishes what is unfinished.
    await sweepOutbox(worker.deps, 0);
    await expect.poll(async () => (await database.db.select().from(emails).where(eq(emails.id, during)))[0]!.status, { timeout: 20_000 }).toBe('sent');
    for (const key of ['before-restart', 'during-restart', 'after-restart']) expect(smtp.received.filter((m) => m.subject === key), key).toHaveLength(1);
    expect(before && after).toBeTruthy();
    // And it still stops: a queue whose close waits on the wiped Redis is cut after its grace.
    await worker.close();
  }, 60_000);
});
