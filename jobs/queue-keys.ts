/**
 * Every Redis key of one queue prefix, found with SCAN (never KEYS, which blocks Redis): to
 * count what a run left behind, and to remove it when a test, the simulation or the bench ends.
 * `obliterate` alone misses what a queue writes outside its own key space (none today, but
 * the scan does not depend on that).
 */
import type { Redis } from 'ioredis';

export async function queueKeys(redis: Redis, prefix: string): Promise<string[]> {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}:*`;
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return [...new Set(keys)];
}

/** Removes every key of the prefix; returns how many there were. Stop the workers first. */
export async function removeQueueKeys(redis: Redis, prefix: string): Promise<number> {
  const keys = await queueKeys(redis, prefix);
  for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
  return keys.length;
}
