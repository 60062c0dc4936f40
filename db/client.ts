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
    connection: { application_name: 'cityplan' },
  });
  const db = drizzle(client, { schema, casing: 'snake_case' });
  return { db, client, close: () => client.end({ timeout: 5 }) };
}
