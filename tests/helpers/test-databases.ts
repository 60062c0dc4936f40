import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/** Tests use the same server as the app; TEST_DATABASE_URL points elsewhere if needed. */
const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_DB_PREFIX = 'cityplan_test_';
export const SEED_PLAN_FILE = 'db/seed/tomakomai-2020-2024.plan.json';

export function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function adminSql() {
  return postgres(databaseUrl('postgres'), { max: 1, onnotice: () => {} });
}

export async function dropDatabase(sql: postgres.Sql, name: string) {
  await sql.unsafe(`drop database if exists "${name}" with (force)`);
}

export async function cloneDatabase(template: string, runId: string): Promise<string> {
  const name = `${TEST_DB_PREFIX}${runId}_${randomBytes(6).toString('hex')}`;
  const sql = adminSql();
  try {
    await sql.unsafe(`create database "${name}" template "${template}"`);
  } finally {
    await sql.end();
  }
  return name;
}

/** Databases left behind by runs that were killed: their run id is a pid that no longer lives. */
export async function dropStaleTestDatabases(sql: postgres.Sql) {
  const rows = await sql`select datname from pg_database where datname like ${`${TEST_DB_PREFIX}%`}`;
  for (const { datname } of rows) {
    const pid = Number(/^cityplan_test_(\d+)_/.exec(datname as string)?.[1]);
    if (pid && !isAlive(pid)) await dropDatabase(sql, datname as string);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every queue prefix of a test run starts with this, so the run's Redis keys can be counted. */
export const testQueuePrefix = (runId: string) => `cityplan-test-${runId}-`;
