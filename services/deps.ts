import type { Redis } from 'ioredis';
import type { Database } from '../db/client.ts';
import type { Config } from './config.ts';
import type { Clock, ServiceContext, Workflows } from './context.ts';

/** What the API and the worker are built from: created once at boot (services/boot.ts). */
export interface AppDeps {
  config: Config;
  db: Database;
  redis: Redis;
  clock: Clock;
  /** The statecharts to drive; absent means the real ones (a test may provide other guards). */
  workflows?: Workflows;
}

/** A context for work done by the system itself (imports, jobs), not by a signed-in user. */
export function systemContext(deps: Pick<AppDeps, 'db' | 'clock'>, name: string): ServiceContext {
  return { db: deps.db, clock: deps.clock, actor: { type: 'system', name } };
}
