/**
 * A worker told to stop while Redis is down cannot close its connections gracefully; it exits
 * within its shutdown timeout (SHUTDOWN_TIMEOUT_MS) instead of hanging, and a supervisor can
 * start it again. Its jobs are retried once their locks lapse, as after a crash.
 */
import { spawn } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { recordCount } from '../helpers/counts.ts';
import { useTestDatabase } from '../helpers/setup.ts';
import { cleanUp, onCleanUp, usePrivateRedis } from './servers.ts';

afterAll(cleanUp);

it('exits within its shutdown timeout when Redis is down, instead of waiting forever', { timeout: 30_000 }, async () => {
  const redis = await usePrivateRedis();
  const database = await useTestDatabase();
  const child = spawn(process.execPath, ['jobs/worker.ts'], {
    env: { ...process.env, DATABASE_URL: database.url, REDIS_URL: redis.url, QUEUE_PREFIX: 'worker-stop', SHUTDOWN_TIMEOUT_MS: '2000', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  onCleanUp(() => child.kill('SIGKILL'));
  await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => d.toString().includes('worker running') && resolve()));
  await redis.kill();

  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const signalled = Date.now();
  child.kill('SIGTERM');
  // 0 when the bounded close (half the timeout per queue, jobs/run-worker.ts) got through,
  // 1 when the deadline cut it: either way it is gone, in time.
  expect([0, 1]).toContain(await exited);
  expect(Date.now() - signalled).toBeLessThan(10_000);
  recordCount('resilience faults survived', 1, 'Redis down when the worker is told to stop');
});
