import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { createDatabase } from './client.ts';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
// Any constant works; it only has to be the same for every process that migrates.
const MIGRATION_LOCK = 7_204_511;

/** Creates the database named in the URL when it does not exist yet. */
export async function ensureDatabase(url: string): Promise<{ created: boolean }> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const sql = postgres(maintenance.toString(), { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length > 0) return { created: false };
    try {
      await sql.unsafe(`create database "${name.replaceAll('"', '""')}"`);
    } catch (error) {
      // Another process created it between our check and our create: that is fine.
      if ((error as { code?: string }).code !== '42P04') throw error;
    }
    return { created: true };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Applies pending migrations; an advisory lock keeps concurrent starts from racing. */
export async function migrateDatabase(url: string): Promise<void> {
  const { db, client, close } = createDatabase(url, { max: 1 });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(db, { migrationsFolder });
  } finally {
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
    await close();
  }
}
