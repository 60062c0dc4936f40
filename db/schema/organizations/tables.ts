import { sql } from 'drizzle-orm';
import { boolean, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** A municipality. Everything else belongs to exactly one; installs may serve several. */
export const organizations = pgTable('organizations', {
  id: uuid().primaryKey().defaultRandom(),
  code: text().notNull().unique(),
  name: text().notNull(),
  nameEn: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().default(sql`now()`),
});

/** A department (課) of an organization; owns projects and receives review tasks. */
export const departments = pgTable(
  'departments',
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    code: text().notNull(),
    name: text().notNull(),
    nameEn: text(),
    /** Shared mailbox that receives the department's reminders. */
    email: text(),
    /** The head of the department (課長): first escalation level. */
    headEmail: text(),
    /** Receives the head's escalations while the head is away (delegation). */
    deputyEmail: text(),
    /** While true, the head's escalations go to the deputy (delegation during absence). */
    headDelegated: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [unique().on(t.organizationId, t.code)],
);
