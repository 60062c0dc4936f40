import { sql } from 'drizzle-orm';
import { boolean, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** A municipality. Everything else belongs to exactly one; installs may serve several. */
export const organizations = pgTable('organizations', {
  id: uuid().primaryKey().defaultRandom(),
  code: text().notNull().unique(),
  name: text().notNull(),
  nameEn: text(),
  /** The organization's own words for effect grades and next steps; null means the defaults (services/reviews/vocabulary.ts). */
  vocabulary: jsonb().$type<VocabularyOverrides>(),
  createdAt: timestamp({ withTimezone: true }).notNull().default(sql`now()`),
});

export type Label = { ja: string; en: string };
export interface VocabularyOverrides {
  effectGrades?: Partial<Record<string, Label>>;
  nextSteps?: Partial<Record<string, Label>>;
}

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
