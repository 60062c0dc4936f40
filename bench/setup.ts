/** The bench's own database (created, migrated and filled on demand) and the connections every step shares. */
import postgres from 'postgres';
import { createDatabase } from '../db/client.ts';
import { ensureDatabase, migrateDatabase } from '../db/migrate.ts';
import { removeQueueKeys } from '../jobs/queue-keys.ts';
import { connectRedis } from '../services/boot.ts';
import { parseConfig } from '../services/config.ts';
import { systemClock } from '../services/context.ts';
import type { AppDeps } from '../services/deps.ts';
import { generate } from './generate.ts';

export interface Bench {
  deps: AppDeps;
  /** Raw postgres.js on the same database: the baselines' driver. */
  sql: postgres.Sql;
  /** Environment for child processes (API, worker) pointed at the bench's database and queues. */
  env: Record<string, string>;
  log(line: string): void;
  close(): Promise<void>;
}

export async function openBench(options: {
  databaseUrl: string;
  redisUrl: string;
  organizations: number;
  /** What child processes inherit from the bench's own environment (PATH, HOME). */
  inherited: Record<string, string>;
  log: (line: string) => void;
}): Promise<Bench> {
  const env = {
    ...options.inherited,
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    // Its own prefix, never the install's: the bench removes every key under it when it ends.
    QUEUE_PREFIX: 'cityplan-bench',
    SEED_PLAN_FILE: '',
    LOG_LEVEL: 'info',
    SMTP_URL: 'smtp://127.0.0.1:2525',
  };
  options.log(`database ${options.databaseUrl}`);
  await ensureDatabase(options.databaseUrl);
  await migrateDatabase(options.databaseUrl);
  const config = parseConfig(env);
  const database = createDatabase(options.databaseUrl, { max: 10 });
  await generate(database.db, options.organizations, { log: options.log });
  const redis = await connectRedis(config, 'bench');
  const sql = postgres(options.databaseUrl, { max: 10, onnotice: () => {} });
  return {
    deps: { config, db: database.db, redis, clock: systemClock },
    sql,
    env,
    log: options.log,
    // The bench's queues go with it: the worker processes are stopped by then.
    close: async () => {
      const removed = await removeQueueKeys(redis, config.queuePrefix);
      options.log(`removed ${removed} Redis keys under ${config.queuePrefix}:`);
      await sql.end();
      await database.close();
      redis.disconnect();
    },
  };
}
