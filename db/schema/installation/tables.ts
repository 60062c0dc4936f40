import { sql } from 'drizzle-orm';
import { boolean, check, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One row naming this install, created by the migration that adds the table. Its id goes
 * into the default queue prefix, so two installs (or a copy of the database restored for a
 * test) sharing one Redis never share queue keys unless told to.
 */
export const installation = pgTable(
  'installation',
  {
    /** Always true: the primary key that allows a single row. */
    only: boolean().primaryKey().default(true),
    id: uuid().notNull().default(sql`gen_random_uuid()`),
    createdAt: timestamp({ withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [check('installation_single_row', sql`${t.only}`)],
);
