import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../access/tables.ts';
import { decisionLog } from '../decisions/tables.ts';
import { organizations } from '../organizations/tables.ts';
import { measures, plans } from '../plans/tables.ts';

const at = () => timestamp({ withTimezone: true }).notNull().default(sql`now()`);

/**
 * What the strategy office published of a plan's progress for a fiscal year. The snapshot
 * holds the figures as they were when published, so the public page does not move when values
 * change later; publishing again adds a new version, the latest is the one shown.
 */
export const publications = pgTable(
  'publications',
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    planId: uuid()
      .notNull()
      .references(() => plans.id),
    fiscalYear: integer().notNull(),
    version: integer().notNull(),
    /** The public progress data (services/reports/progress-snapshot.ts). */
    snapshot: jsonb().notNull(),
    /** SHA-256 of the snapshot: the public page's ETag. */
    snapshotHash: text().notNull(),
    publishedBy: uuid()
      .notNull()
      .references(() => users.id),
    publishedAt: at(),
    /** The departments' free texts in the snapshot that the publisher reviewed, each by its SHA-256 (services/reports/public-texts.ts). */
    reviewedTexts: jsonb().$type<ReviewedText[]>().notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [unique().on(t.planId, t.fiscalYear, t.version)],
);

export interface ReviewedText {
  code: string;
  field: string;
  sha256: string;
}

/**
 * The strategy office took a fiscal year off the public page: every version up to
 * `upToVersion` is withdrawn (a later publication is shown again). Append-only, like the
 * publications: who withdrew it, when and why stay (services/reports/withdraw-publication.ts).
 */
export const publicationWithdrawals = pgTable(
  'publication_withdrawals',
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    planId: uuid()
      .notNull()
      .references(() => plans.id),
    fiscalYear: integer().notNull(),
    /** The latest version when withdrawn; it and every earlier version of the year are withdrawn. */
    upToVersion: integer().notNull(),
    reason: text().notNull(),
    withdrawnBy: uuid()
      .notNull()
      .references(() => users.id),
    withdrawnAt: at(),
  },
  // A version is withdrawn once: the second of two concurrent withdrawals cannot be written.
  (t) => [unique().on(t.planId, t.fiscalYear, t.upToVersion)],
);

/**
 * An opinion of the strategy council (総合戦略推進会議) on a fiscal year's review, about one
 * measure or (measure null) the strategy as a whole. Each needs the city's response.
 */
export const councilOpinions = pgTable(
  'council_opinions',
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    planId: uuid()
      .notNull()
      .references(() => plans.id),
    fiscalYear: integer().notNull(),
    measureId: uuid().references(() => measures.id),
    /** The day of the council meeting. */
    meetingDate: date({ mode: 'string' }),
    opinion: text().notNull(),
    recordedBy: uuid()
      .notNull()
      .references(() => users.id),
    recordedAt: at(),
    response: text(),
    respondedBy: uuid().references(() => users.id),
    respondedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
  },
  (t) => [index().on(t.planId, t.fiscalYear)],
);

/** The decisions an opinion led to, so the packet can trace each opinion to what changed. */
export const councilOpinionDecisions = pgTable(
  'council_opinion_decisions',
  {
    opinionId: uuid()
      .notNull()
      .references(() => councilOpinions.id),
    decisionId: bigint({ mode: 'number' })
      .notNull()
      .references(() => decisionLog.id),
  },
  (t) => [primaryKey({ columns: [t.opinionId, t.decisionId] })],
);
