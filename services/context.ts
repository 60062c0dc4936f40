import type { Database, DbOrTx, Tx } from '../db/client.ts';
import type { Locale, Role } from '../db/schema/access/constants.ts';
import type { ReviewCycleMachine } from '../workflows/review-cycle.machine.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock shifted from real time, for demos and simulations that need another date. */
export function offsetClock(offsetMs: number): Clock {
  return offsetMs === 0 ? systemClock : { now: () => new Date(Date.now() + offsetMs) };
}

/** A signed-in user as services see them. */
export interface AuthUser {
  id: string;
  organizationId: string;
  email: string;
  name: string;
  role: Role;
  departmentId: string | null;
  locale: Locale;
}

/** How a user's request was signed: a session cookie (a person) or a bearer token (an integration). Absent outside requests. */
export type UserVia = 'session' | 'token';

/**
 * Who asks. `user`: a signed-in person. `system`: the install itself (jobs, command line,
 * seeding), never a request. `anonymous`: a request without a session or token, refused by
 * every verb except the few public ones (login, password reset, the published progress).
 */
export type Actor = { type: 'user'; user: AuthUser; via?: UserVia; readOnly?: boolean } | { type: 'system'; name: string } | { type: 'anonymous' };

/** The statecharts services drive; absent means the real ones (tests provide other guards). */
export interface Workflows {
  reviewCycle?: ReviewCycleMachine;
}

export interface ServiceContext {
  db: DbOrTx;
  clock: Clock;
  actor: Actor;
  workflows?: Workflows;
}

/** Runs `fn` in a transaction, joining the caller's when the context already holds one. */
export async function withTransaction<T>(ctx: ServiceContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (isTransaction(ctx.db)) return fn(ctx.db);
  return (ctx.db as Database).transaction(fn);
}

function isTransaction(db: DbOrTx): db is Tx {
  return typeof (db as { rollback?: unknown }).rollback === 'function';
}
