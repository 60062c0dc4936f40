/**
 * The worker's container healthcheck (`node jobs/healthcheck.ts`): healthy only while the
 * worker keeps its heartbeat file fresh, which it stops doing when Redis is gone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { BEAT_EVERY_MS } from '../../jobs/heartbeat.ts';
import { useTestDatabase } from '../helpers/setup.ts';
import { cleanUp, onCleanUp, usePrivateRedis, useWorkerProcesses } from '../resilience/servers.ts';

afterAll(cleanUp);

const dir = mkdtempSync(join(tmpdir(), 'cityplan-heartbeat-'));
onCleanUp(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'alive');

function healthcheck() {
  const result = spawnSync(process.execPath, ['jobs/healthcheck.ts'], { env: { ...process.env, WORKER_HEARTBEAT_FILE: file }, encoding: 'utf8' });
  return { healthy: result.status === 0, said: result.stderr };
}

it('is healthy while the worker beats, and not before, nor when the beat is stale or Redis is gone', { timeout: 60_000 }, async () => {
  expect(healthcheck()).toEqual({ healthy: false, said: expect.stringContaining('no heartbeat yet') });

  const redis = await usePrivateRedis();
  const database = await useTestDatabase();
  const spawnWorker = useWorkerProcesses(() => ({ DATABASE_URL: database.url, REDIS_URL: redis.url, QUEUE_PREFIX: 'worker-health', WORKER_HEARTBEAT_FILE: file }));
  await spawnWorker();
  await expect.poll(() => healthcheck().healthy, { timeout: 10_000 }).toBe(true);

  // Redis gone: the beat stops (the file is not rewritten), so it goes stale.
  await redis.kill();
  await new Promise((resolve) => setTimeout(resolve, BEAT_EVERY_MS + 1_000));
  const lastBeat = statSync(file).mtimeMs;
  await new Promise((resolve) => setTimeout(resolve, BEAT_EVERY_MS + 3_000));
  expect(statSync(file).mtimeMs).toBe(lastBeat);

  const longAgo = new Date(Date.now() - 31_000);
  utimesSync(file, longAgo, longAgo);
  expect(healthcheck()).toEqual({ healthy: false, said: expect.stringMatching(/last heartbeat 3\d s ago/) });
});
