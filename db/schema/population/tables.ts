import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../access/tables.ts';
import { organizations } from '../organizations/tables.ts';

/**
 * The population actually observed, one row per organization and year (the vision's figures
 * are the plan's, in population_figures). `total` is the population on `asOf`, the reference
 * date the city chose (e.g. 住民基本台帳 on 1 January); births, deaths and migration are counted
 * over that year. Natural change (births − deaths) and social change (in − out) are derived,
 * never stored. Edited in place from the version read; every change is logged below.
 */
export const populationObservations = pgTable(
  'population_observations',
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    year: integer().notNull(),
    asOf: date({ mode: 'string' }).notNull(),
    total: integer().notNull(),
    births: integer(),
    deaths: integer(),
    inMigration: integer(),
    outMigration: integer(),
    /** Where the figures come from, in the city's words (e.g. 住民基本台帳). */
    source: text(),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [
    unique().on(t.organizationId, t.year),
    check('population_counts', sql`${t.total} >= 0 and coalesce(${t.births}, 0) >= 0 and coalesce(${t.deaths}, 0) >= 0 and coalesce(${t.inMigration}, 0) >= 0 and coalesce(${t.outMigration}, 0) >= 0`),
  ],
);

/** Every change to an observed year: who, when, how (form, CSV, API), before and after. Append-only. */
export const populationObservationLog = pgTable(
  'population_observation_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    year: integer().notNull(),
    /** `form`, `csv` or `api`: how the change arrived. */
    via: text().notNull(),
    before: jsonb(),
    after: jsonb().notNull(),
    changedBy: uuid().references(() => users.id),
    changedAt: timestamp({ withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [index().on(t.organizationId, t.year)],
);
