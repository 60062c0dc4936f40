import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.ts';

export type Database = ReturnType<typeof createDatabase>['db'];
/** A transaction handle; services accept either this or the database. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type DbOrTx = Database | Tx;

export function createDatabase(url: string, options: { max?: number } = {}) {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // numeric and bigint arrive as strings; Drizzle's column modes turn them into numbers.
    // jit off: every query here is short OLTP, and PostgreSQL's JIT compiled a cycle list's
    // counts for 216 ms of its 374 ms (the board page at N = 1,741; docs/benchmarks.md, P7).
    connection: { application_name: 'cityplan', jit: 'off' },
    // While the server is away, queries wait for the next connection attempt. postgres.js spaces
    // attempts up to 20 s apart by default, so requests hung and recovery lagged a restart by as
    // much; at most a second apart, requests fail within a second or two and service resumes as
    // soon as the server is back.
    backoff: (retries: number) => Math.min(2 ** retries / 20, 1),
  });
  const db = drizzle(client, { schema, casing: 'snake_case' });
  return { db, client, close: () => client.end({ timeout: 5 }) };
}

/** Error codes that mean the server could not be reached or went away (a restart, a failover), not that a query was wrong. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', '57P01', '57P02', '57P03']);

/**
 * Whether an error (or its cause: Drizzle wraps the driver's) says the database is unavailable
 * for now: connection refused or lost, the server shutting down or starting up, or a
 * connection exception (SQLSTATE class 08). Such a request may be retried.
 */
export function databaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNREACHABLE.has(code) || code.startsWith('08'))) return true;
  }
  return false;
}
