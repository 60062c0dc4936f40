/**
 * The worker's health for a container healthcheck: while the outbox relay reaches PostgreSQL
 * and Redis answers a PING, the worker rewrites a file (at most every few seconds);
 * `jobs/healthcheck.ts` calls the worker healthy while the file is fresh. A worker that hangs,
 * or has lost its database or Redis, stops refreshing it.
 */
import { statSync, writeFileSync } from 'node:fs';
import type { Redis } from 'ioredis';

export const BEAT_EVERY_MS = 5_000;
/** Six missed beats: a database restart of a few seconds does not flip the worker to unhealthy. */
export const STALE_AFTER_MS = 30_000;

export function heartbeat(file: string, redis: Redis) {
  let last = 0;
  /** Never throws and never waits long: a missed beat is the signal (commands wait for a Redis that is down). */
  return async function beat() {
    if (file === '' || Date.now() - last < BEAT_EVERY_MS) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Redis did not answer')), 2_000);
    });
    try {
      await Promise.race([redis.ping(), timeout]);
      writeFileSync(file, new Date().toISOString());
      last = Date.now();
    } catch {
      // unhealthy until Redis answers again
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Why the worker is not healthy, or null when it is. */
export function heartbeatProblem(file: string, now = Date.now()): string | null {
  if (file === '') return 'WORKER_HEARTBEAT_FILE is not set, so the worker keeps no heartbeat';
  let modified: number;
  try {
    modified = statSync(file).mtimeMs;
  } catch {
    return `no heartbeat yet (${file} does not exist)`;
  }
  const age = now - modified;
  return age > STALE_AFTER_MS ? `last heartbeat ${Math.round(age / 1000)} s ago` : null;
}
