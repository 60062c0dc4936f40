/**
 * Per-test-file infrastructure: a database of its own (cloned from a template), the real
 * Redis, and the app built on them. Call inside a describe block or at file top level.
 */
import { Redis } from 'ioredis';
import { afterAll, inject } from 'vitest';
import { removeQueueKeys } from '../../jobs/queue-keys.ts';
import { createDatabase, type Database } from '../../db/client.ts';
import { connectRedis } from '../../services/boot.ts';
import { parseConfig } from '../../services/config.ts';
import { systemClock, type Clock, type ServiceContext } from '../../services/context.ts';
import type { AppDeps } from '../../services/deps.ts';
import { buildApp } from '../../services/http/app.ts';
import { adminSql, cloneDatabase, databaseUrl, dropDatabase, testQueuePrefix } from './test-databases.ts';

export interface TestDatabase {
  name: string;
  url: string;
  db: Database;
  sql: ReturnType<typeof createDatabase>['client'];
}

/** A fresh database for this file: with the Tomakomai plan loaded (default) or empty. */
export async function useTestDatabase(options: { seeded?: boolean } = {}): Promise<TestDatabase> {
  const templates = inject('templates');
  const name = await cloneDatabase(options.seeded === false ? templates.empty : templates.seeded, inject('runId'));
  const url = databaseUrl(name);
  const { db, client, close } = createDatabase(url, { max: 5 });
  afterAll(async () => {
    await close();
    const sql = adminSql();
    await dropDatabase(sql, name).finally(() => sql.end());
  });
  return { name, url, db, sql: client };
}

/** Queue prefixes this file made on the shared Redis: their keys are removed when the file ends. */
const sharedRedisPrefixes = new Set<string>();

/**
 * A queue prefix of this run on the shared Redis, for a process a test spawns: its keys are
 * removed when the file ends, and the run's teardown fails if any are left.
 */
export function sharedQueuePrefix(label = ''): string {
  const prefix = `${testQueuePrefix(inject('runId'))}${label && `${label}-`}${Math.random().toString(36).slice(2, 8)}`;
  sharedRedisPrefixes.add(prefix);
  return prefix;
}

export function testConfig(database: Pick<TestDatabase, 'url'>, overrides: Record<string, string> = {}) {
  const config = parseConfig({
    DATABASE_URL: database.url,
    LOG_LEVEL: 'warn',
    QUEUE_PREFIX: `${testQueuePrefix(inject('runId'))}${Math.random().toString(36).slice(2, 8)}`,
    ...overrides,
  });
  // A test's private Redis server is gone by then; only the shared one keeps keys.
  if (config.redisUrl === parseConfig({}).redisUrl) sharedRedisPrefixes.add(config.queuePrefix);
  return config;
}

/**
 * Registered when this module loads, so it runs after every other afterAll of the file
 * (vitest runs them last-registered first): workers are closed by then.
 */
afterAll(async () => {
  if (!sharedRedisPrefixes.size) return;
  const redis = new Redis(parseConfig({}).redisUrl, { maxRetriesPerRequest: 1 });
  try {
    for (const prefix of sharedRedisPrefixes) await removeQueueKeys(redis, prefix);
  } finally {
    redis.disconnect();
  }
});

/** Dependencies on real Postgres and Redis, closed after the file's tests. */
export async function useTestDeps(options: { seeded?: boolean; clock?: Clock; env?: Record<string, string> } = {}): Promise<AppDeps & { database: TestDatabase }> {
  const database = await useTestDatabase(options);
  const config = testConfig(database, options.env);
  const redis = await connectRedis(config, 'test');
  afterAll(() => redis.disconnect());
  return { config, db: database.db, redis, clock: options.clock ?? systemClock, database };
}

export async function useTestApp(options: Parameters<typeof useTestDeps>[0] = {}) {
  const deps = await useTestDeps(options);
  const app = await buildApp(deps);
  afterAll(() => app.close());
  return { app, deps };
}

export function systemCtx(db: Database, clock: Clock = systemClock): ServiceContext {
  return { db, clock, actor: { type: 'system', name: 'test' } };
}
