/**
 * Prepares two template databases once per run — migrated and empty, and migrated with the
 * Tomakomai plan and the demo users loaded — so that each test file can clone its own database in milliseconds.
 */
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { systemClock } from '../../services/context.ts';
import { seedPlanIfEmpty } from '../../services/plans/seed-plan.ts';
import { createDemoUsers } from '../../services/users/demo-users.ts';
import { adminSql, dropDatabase, dropStaleTestDatabases, databaseUrl, SEED_PLAN_FILE, TEST_DB_PREFIX } from './test-databases.ts';

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
  };
}
