/**
 * PostgreSQL restored from an older backup while Redis keeps its keys (docs/operations.md).
 * The restored database hands out outbox serial ids again that Redis has already seen
 * finished; jobs must still run, so every event after the restore is delivered, once. The
 * dump is taken with pg_dump -Fc and restored with pg_restore into a fresh database, as the
 * operations guide says; the new worker uses the same queue prefix, as a restored install does.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { and, eq, gt } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../../db/client.ts';
import { emails, outbox } from '../../db/schema/index.ts';
import { queueKeys } from '../../jobs/queue-keys.ts';
import { runWorker, type RunningWorker } from '../../jobs/run-worker.ts';
import type { AppDeps } from '../../services/deps.ts';
import { buildApp } from '../../services/http/app.ts';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { adminSql, databaseUrl, dropDatabase, TEST_DB_PREFIX } from '../helpers/test-databases.ts';
import { checkInvariants } from './invariants.ts';
import { inDays, settle, useScenario } from './scenario.ts';
import { cleanUp, onCleanUp } from './servers.ts';

const run = promisify(execFile);
afterAll(cleanUp);

/** The API and a worker on one database; closed by `stop` (or at clean-up). */
async function start(deps: AppDeps) {
  const app: FastifyInstance = await buildApp(deps);
  const worker: RunningWorker = await runWorker(deps, { schedulers: false, relayIdleMs: 50, log: pino({ level: 'silent' }) });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await worker.close();
    await app.close();
  };
  onCleanUp(stop);
  return { so: await signIn(app, DEMO.strategy), employment: await signIn(app, DEMO.employment), stop };
}

type Task = { id: string; kpis: { id: string }[] };
const submit = (employment: Client, task: Task, value: number) => employment.post(`/api/tasks/${task.id}/submissions`, { values: task.kpis.map((k) => ({ kpiId: k.id, value })) });

/** Submits the task and returns it for correction: one `announce-task-returned` event, one email. */
async function submitAndReturn(api: { so: Client; employment: Client }, task: Task, value: number) {
  const submitted = await submit(api.employment, task, value);
  expect(submitted.statusCode, submitted.body).toBe(201);
  const returned = await api.so.post(`/api/tasks/${task.id}/return`, { comment: `確認してください (${value})` });
  expect(returned.statusCode, returned.body).toBe(200);
}

describe('PostgreSQL restored from an older backup, Redis kept', () => {
  it('delivers every event after the restore exactly once', { timeout: 120_000 }, async () => {
    const { smtp, deps, queues } = await useScenario();
    const before = await start(deps);
    const planId = (await before.so.get('/api/plans')).json().items[0].id;
    expect((await before.so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2022, measureNumbers: [1, 2], dueDate: inDays(20) })).statusCode).toBe(201);
    const tasks: Task[] = [];
    for (const { id } of (await before.employment.get('/api/tasks?fiscalYear=2022')).json().items as { id: string }[]) tasks.push({ id, kpis: (await before.employment.get(`/api/tasks/${id}`)).json().kpis });
    expect(tasks.length).toBeGreaterThanOrEqual(2);
    await submitAndReturn(before, tasks[0]!, 1);
    await settle(deps, queues);

    // The nightly backup.
    const sentAt = async () => (await deps.database.sql`select message_id from emails where status = 'sent'`).map((r) => r.message_id as string);
    const sentInBackup = await sentAt();
    const dir = await mkdtemp(join(tmpdir(), 'cityplan-restore-'));
    onCleanUp(() => rm(dir, { recursive: true, force: true }));
    const dump = join(dir, 'cityplan.dump');
    await run('pg_dump', ['-Fc', '-h', '127.0.0.1', '-U', 'postgres', '-d', deps.database.name, '-f', dump]);
    const [{ id: lastSerial }] = (await deps.database.sql`select coalesce(max(id), 0)::int as id from outbox`) as unknown as [{ id: number }];

    // The day goes on after the backup: its events are delivered, and Redis remembers their jobs as completed.
    await submitAndReturn(before, tasks[0]!, 2);
    await submitAndReturn(before, tasks[1]!, 3);
    await settle(deps, queues);
    const lostRecords = (await sentAt()).filter((id) => !sentInBackup.includes(id));
    expect(lostRecords.length).toBeGreaterThanOrEqual(2);
    await before.stop();
    const keysBeforeRestore = (await queueKeys(deps.redis, deps.config.queuePrefix)).length;
    expect(keysBeforeRestore).toBeGreaterThan(0);

    // The database is lost and restored from the backup into a fresh one; Redis is left as it is.
    const restoredName = `${TEST_DB_PREFIX}${inject('runId')}_restored_${Date.now().toString(36)}`;
    const admin = adminSql();
    await admin.unsafe(`create database "${restoredName}"`);
    onCleanUp(async () => {
      const sql = adminSql();
      await dropDatabase(sql, restoredName).finally(() => sql.end());
    });
    await admin.end();
    await run('pg_restore', ['-h', '127.0.0.1', '-U', 'postgres', '--no-owner', '-d', restoredName, dump]);
    const restored = createDatabase(databaseUrl(restoredName), { max: 5 });
    onCleanUp(() => restored.close());
    const restoredAt = new Date();

    // The same install starts again on it, with the same queue prefix.
    const after = await start({ ...deps, db: restored.db });
    await submitAndReturn(after, tasks[0]!, 4);
    await submitAndReturn(after, tasks[1]!, 5);
    await submitAndReturn(after, tasks[1]!, 6);
    // The restored database numbers its new outbox rows as the lost ones were numbered: the case this test is about.
    const newRows = await restored.db.select({ id: outbox.id }).from(outbox).where(gt(outbox.id, lastSerial));
    expect(newRows.map((r) => r.id)).toContain(lastSerial + 1);
    await settle({ db: restored.db, clock: deps.clock }, queues);

    // Every return after the restore was told to its department: one email each, sent, and received once.
    const told = await restored.db.select().from(emails).where(and(eq(emails.template, 'task-returned'), gt(emails.createdAt, restoredAt)));
    expect(told).toHaveLength(3);
    for (const email of told) {
      expect(email.status).toBe('sent');
      expect(smtp.received.filter((m) => m.messageId === email.messageId)).toHaveLength(1);
    }
    // And the restored database is whole: every outbox row done, every email it sent received once. The
    // emails sent between backup and restore arrived too, but their record went with the lost database.
    const received = smtp.received.filter((m) => !lostRecords.includes(m.messageId));
    expect(received).toHaveLength(smtp.received.length - lostRecords.length);
    expect(await checkInvariants(restored.client, { received })).toEqual([]);
    await after.stop();
  });
});
