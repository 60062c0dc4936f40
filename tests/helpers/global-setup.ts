/**
 * Prepares two template databases once per run — migrated and empty, and migrated with the
 * Tomakomai plan and the demo users loaded — so that each test file can clone its own database in milliseconds.
 */
import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { systemClock } from '../../services/context.ts';
import { seedPlanIfEmpty } from '../../services/plans/seed-plan.ts';
import { createDemoUsers } from '../../services/users/demo-users.ts';
import { adminSql, dropDatabase, dropStaleTestDatabases, databaseUrl, SEED_PLAN_FILE, TEST_DB_PREFIX, testQueuePrefix } from './test-databases.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templates: { empty: string; seeded: string };
    runId: string;
  }
}

export default async function setup(project: TestProject) {
  const runId = String(process.pid);
  const empty = `${TEST_DB_PREFIX}${runId}_empty`;
  const seeded = `${TEST_DB_PREFIX}${runId}_seeded`;
  // A pid can come round again: start from no keys under this run's prefix.
  await removeRunKeys(runId);
  const sql = adminSql();
  try {
    await dropStaleTestDatabases(sql);
    for (const name of [empty, seeded]) {
      await dropDatabase(sql, name);
      await sql.unsafe(`create database "${name}"`);
      await migrateDatabase(databaseUrl(name));
    }
    const { db, close } = createDatabase(databaseUrl(seeded), { max: 1 });
    try {
      const ctx = { db, clock: systemClock, actor: { type: 'system' as const, name: 'tests' } };
      // As on first start: the plan file and the city's settings beside it.
      await seedPlanIfEmpty(ctx, SEED_PLAN_FILE);
      await createDemoUsers(ctx);
    } finally {
      await close();
    }
  } finally {
    await sql.end();
  }
  project.provide('templates', { empty, seeded });
  project.provide('runId', runId);

  return async () => {
    const sql = adminSql();
    try {
      const rows = await sql`select datname from pg_database where datname like ${`${TEST_DB_PREFIX}${runId}\\_%`}`;
      for (const { datname } of rows) await dropDatabase(sql, datname as string);
    } finally {
      await sql.end();
    }
    // Every test file removes its queue keys when it ends (helpers/setup.ts); what is left is a leak.
    const left = await removeRunKeys(runId);
    if (left.size) {
      const list = [...left].map(([prefix, n]) => `${prefix} (${n})`).join(', ');
      // vitest reports an error thrown here but still exits 0: the exit code says it too.
      process.exitCode = 1;
      throw new Error(`Redis keys were left behind by this test run (removed now): ${list}`);
    }
  };
}

/** Removes the keys of this run's queue prefixes on the shared Redis; returns how many each prefix had. */
async function removeRunKeys(runId: string): Promise<Map<string, number>> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  const left = new Map<string, number>();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${testQueuePrefix(runId)}*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const prefix = key.split(':')[0]!;
        left.set(prefix, (left.get(prefix) ?? 0) + 1);
      }
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return left;
}
