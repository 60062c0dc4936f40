/**
 * Boot: parse the configuration, make sure PostgreSQL and Redis answer, create the database
 * when missing and migrate it. Every failure here is a ConfigError naming the setting, so an
 * entrypoint can stop with one clear line.
 */
import { Redis } from 'ioredis';
import { createDatabase, type Database } from '../db/client.ts';
import { installation } from '../db/schema/index.ts';
import { ensureDatabase, migrateDatabase } from '../db/migrate.ts';
import { ConfigError, parseConfig, type Config } from './config.ts';
import { offsetClock } from './context.ts';
import type { AppDeps } from './deps.ts';

export interface Booted extends AppDeps {
  close(): Promise<void>;
}

export async function boot(env: Record<string, string | undefined>, options: { migrate?: boolean } = {}): Promise<Booted> {
  requireNode24(process.version);
  console.log(`cityplan: starting on Node.js ${process.version}`);
  const config = parseConfig(env);
  if (options.migrate !== false) {
    await reach('DATABASE_URL', config.databaseUrl, async () => {
      await ensureDatabase(config.databaseUrl);
      await migrateDatabase(config.databaseUrl);
    });
  }
  const database = createDatabase(config.databaseUrl);
  config.queuePrefix = await reach('DATABASE_URL', config.databaseUrl, () => queuePrefixOf(config, database.db)).catch(async (error) => {
    await database.close();
    throw error;
  });
  const redis = await connectRedis(config, 'api').catch(async (error) => {
    await database.close();
    throw error;
  });
  return {
    config,
    db: database.db,
    redis,
    clock: offsetClock(config.clockOffsetMs),
    close: async () => {
      await database.close();
      redis.disconnect();
    },
  };
}

/**
 * A Redis connection that has answered a PING. `maxRetriesPerRequest: null` lets BullMQ
 * workers wait out a Redis restart; the API's readiness probe times out on its own.
 */
export async function connectRedis(config: Config, name: string): Promise<Redis> {
  const redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: null, connectionName: `cityplan-${name}` });
  redis.on('error', () => {}); // reconnects by itself; readiness reports the outage
  await reach('REDIS_URL', config.redisUrl, async () => {
    await redis.connect();
    await redis.ping();
  }).catch((error) => {
    redis.disconnect();
    throw error;
  });
  return redis;
}

/**
 * QUEUE_PREFIX when set; otherwise `cityplan-` and the start of the install id the first
 * migration stored, so every process of one install (they share its database) agrees, and
 * two installs sharing one Redis never share a queue.
 */
export async function queuePrefixOf(config: Pick<Config, 'queuePrefix' | 'queuePrefixSet'>, db: Database): Promise<string> {
  if (config.queuePrefixSet) return config.queuePrefix;
  const [row] = await db.select({ id: installation.id }).from(installation);
  if (!row) throw new Error('the database has no installation row (is it migrated?)');
  return `cityplan-${row.id.slice(0, 8)}`;
}

async function reach<T>(setting: string, url: string, attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    const where = new URL(url);
    const reason = (error as Error).message || (error as { code?: string }).code || 'no answer';
    throw new ConfigError(setting, `cannot use ${where.protocol}//${where.host}${where.pathname} (${reason})`);
  }
}

/** For entrypoints: print one clear line for configuration problems, the full error otherwise. */
/** Node's own type stripping runs our TypeScript, and the dependencies need Node 22+; the project is tested on 24. */
export function requireNode24(version: string) {
  const major = Number(/^v(\d+)/.exec(version)?.[1]);
  if (major < 24) {
    throw new ConfigError('Node.js', `${version} is too old: 24 or newer is needed (npm install brings Node 24 into node_modules; start through npm, e.g. npm start)`);
  }
}

export function exitOnBootError(error: unknown): never {
  if (error instanceof ConfigError) {
    console.error(`cityplan: cannot start — ${error.message}`);
  } else {
    console.error('cityplan: cannot start —', error);
  }
  process.exit(1);
}

/**
 * Closes what `close` closes on SIGTERM or SIGINT, then exits. Installed before anything
 * starts, so a signal during start-up is not lost; parts not started yet are skipped.
 */
export function closeOnSignal(close: () => Promise<void>, deadlineMs: number) {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // Closing waits for Redis and PostgreSQL; when one is down it would wait forever. Jobs cut
      // short here are retried once their lock lapses, as after a crash.
      setTimeout(() => {
        console.error(`cityplan: not stopped after ${deadlineMs / 1000} s (is Redis or PostgreSQL down?); exiting`);
        process.exit(1);
      }, deadlineMs).unref();
      close().then(
        () => process.exit(0),
        (error) => {
          console.error('cityplan: error while stopping —', error);
          process.exit(1);
        },
      );
    });
  }
}
