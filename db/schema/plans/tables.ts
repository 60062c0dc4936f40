import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { departments, organizations } from '../organizations/tables.ts';
import {
  KPI_DIRECTIONS,
  PLAN_STATUSES,
  POPULATION_FIGURE_KINDS,
  PROJECT_STATUSES,
  PROVENANCES,
  VALUE_KINDS,
  VALUE_QUALITIES,
  YEAR_BASES,
} from './constants.ts';

export const kpiDirection = pgEnum('kpi_direction', KPI_DIRECTIONS);
export const valueKind = pgEnum('value_kind', VALUE_KINDS);
export const provenance = pgEnum('provenance', PROVENANCES);
export const valueQuality = pgEnum('value_quality', VALUE_QUALITIES);
export const yearBasis = pgEnum('year_basis', YEAR_BASES);
export const projectStatus = pgEnum('project_status', PROJECT_STATUSES);
export const planStatus = pgEnum('plan_status', PLAN_STATUSES);
export const populationFigureKind = pgEnum('population_figure_kind', POPULATION_FIGURE_KINDS);

const createdAt = () => timestamp({ withTimezone: true }).notNull().default(sql`now()`);
const exact = () => numeric({ mode: 'number' });

/** One strategy period of an organization (e.g. the 2nd period, FY2020–FY2024). */
export const plans = pgTable(
  'plans',
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    code: text().notNull(),
    name: text().notNull(),
    nameEn: text(),
    periodStartFiscalYear: integer().notNull(),
    periodEndFiscalYear: integer().notNull(),
    source: text(),
    /** SHA-256 of the imported plan file in canonical form: a second import of the same file is a no-op. */
    sourceHash: text().notNull(),
    /** Orient thresholds for this plan; null means the documented defaults (services/orient). */
    /** The city's settings for Orient: thresholds, and publication lags of late statistics (services/orient/publication-lags.ts). */
    orientSettings: jsonb().$type<{ atRisk?: number; offTrack?: number; keepTolerance?: number; publicationLags?: Record<string, { monthsAfterYearEnd: number; source?: string }> }>(),
    /**
     * The dashboard cache's key: bumped by triggers, in the writing transaction, on any write to
     * a table the dashboard reads (db/migrations/0017_content_version_trigger.sql).
     */
    contentVersion: integer().notNull().default(1),
    /** Plans made before the editor were imported as adopted: adopted is the default. The editor creates drafts. */
    status: planStatus().notNull().default('adopted'),
    /** The day of 策定・公表; null when the plan file did not say (never made up). */
    adoptedOn: date({ mode: 'string' }),
    /** Who adopted it in the editor (no FK: users live in their own domain); null for an imported plan. */
    adoptedBy: uuid(),
    /**
     * A draft's content: the plan file being written in the editor (services/plans/editor/),
     * checked whole after every change. Written to the plan's tables when adopted, then null.
     */
    draft: jsonb().$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.organizationId, t.code), check('plan_period', sql`${t.periodStartFiscalYear} <= ${t.periodEndFiscalYear}`)],
);

/** The population vision's figures: the current population, the goals to keep, projections and simulations. */
export const populationFigures = pgTable('population_figures', {
  id: uuid().primaryKey().defaultRandom(),
  planId: uuid()
    .notNull()
    .references(() => plans.id),
  position: integer().notNull(),
  kind: populationFigureKind().notNull(),
  label: text().notNull(),
  year: integer().notNull(),
  month: integer(),
  value: integer().notNull(),
  printed: text(),
  note: text(),
});

export const goals = pgTable(
  'goals',
  {
    id: uuid().primaryKey().defaultRandom(),
    planId: uuid()
      .notNull()
      .references(() => plans.id),
    number: integer().notNull(),
    title: text().notNull(),
    situation: text(),
    approach: text(),
  },
  (t) => [unique().on(t.planId, t.number)],
);

export const directions = pgTable(
  'directions',
  {
    id: uuid().primaryKey().defaultRandom(),
    planId: uuid()
      .notNull()
      .references(() => plans.id),
    goalId: uuid()
      .notNull()
      .references(() => goals.id),
    code: text().notNull(),
    title: text().notNull(),
    position: integer().notNull(),
  },
  (t) => [unique().on(t.planId, t.code)],
);

/** A measure (施策): the unit of one OODA review cycle. */
export const measures = pgTable(
  'measures',
  {
    id: uuid().primaryKey().defaultRandom(),
    planId: uuid()
      .notNull()
      .references(() => plans.id),
    directionId: uuid()
      .notNull()
      .references(() => directions.id),
    number: integer().notNull(),
    title: text().notNull(),
    summary: text(),
    /** The measure of the previous period this one continues (services/plans/create-next-plan.ts). */
    predecessorMeasureId: uuid().references((): AnyPgColumn => measures.id),
    audiences: text().array().notNull().default(sql`'{}'`),
    outcomes: text().array().notNull().default(sql`'{}'`),
    position: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.planId, t.number)],
);

/**
 * A project (事業). The row holds the current version; every version, the current one
 * included, is kept in project_versions, so content changes never overwrite history.
 */
export const projects = pgTable(
  'projects',
  {
    id: uuid().primaryKey().defaultRandom(),
    planId: uuid()
      .notNull()
      .references(() => plans.id),
    measureId: uuid()
      .notNull()
      .references(() => measures.id),
    code: text().notNull(),
    position: integer().notNull(),
    name: text().notNull(),
    description: text(),
    status: projectStatus().notNull().default('active'),
    /** The project of the previous period this one continues. */
    predecessorProjectId: uuid().references((): AnyPgColumn => projects.id),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.planId, t.code), index().on(t.measureId)],
);

export const projectVersions = pgTable(
  'project_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id),
    version: integer().notNull(),
    name: text().notNull(),
    description: text(),
    status: projectStatus().notNull(),
    provenance: provenance().notNull(),
    /** The fiscal year from which this version applies. */
    effectiveFiscalYear: integer(),
    /** The decision-log entry that made this version (no FK: the log lives in its own domain). */
    decisionId: bigint({ mode: 'number' }),
    recordedAt: createdAt(),
  },
  (t) => [unique().on(t.projectId, t.version)],
);

/** Departments of a project; position 0 leads (its submission is the project's). */
export const projectDepartments = pgTable(
  'project_departments',
  {
    projectId: uuid()
      .notNull()
      .references(() => projects.id),
    departmentId: uuid()
      .notNull()
      .references(() => departments.id),
    position: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.departmentId] }), index().on(t.departmentId)],
);

/**
 * A KPI of a project, or a numeric target (数値目標) of a goal. The row holds the current
 * definition; kpi_versions keeps every definition ever in force.
 */
export const kpis = pgTable(
  'kpis',
  {
    id: uuid().primaryKey().defaultRandom(),
    planId: uuid()
      .notNull()
      .references(() => plans.id),
    projectId: uuid().references(() => projects.id),
    goalId: uuid().references(() => goals.id),
    code: text().notNull(),
    position: integer().notNull(),
    name: text().notNull(),
    unit: text().notNull(),
    cumulative: boolean().notNull(),
    direction: kpiDirection().notNull(),
    note: text(),
    dataSourceName: text(),
    /**
     * No longer written: when a late statistic is published is the city's setting
     * (plans.orient_settings.publicationLags), not plan data. Kept so older rows still load.
     */
    dataSourceLagMonths: integer(),
    /** The KPI of the previous period this one continues: its page shows both periods as one series. */
    predecessorKpiId: uuid().references((): AnyPgColumn => kpis.id),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    unique().on(t.planId, t.code),
    index().on(t.projectId),
    check('kpi_owner', sql`(${t.projectId} is null) <> (${t.goalId} is null)`),
  ],
);

export const kpiVersions = pgTable(
  'kpi_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    kpiId: uuid()
      .notNull()
      .references(() => kpis.id),
    version: integer().notNull(),
    name: text().notNull(),
    unit: text().notNull(),
    cumulative: boolean().notNull(),
    direction: kpiDirection().notNull(),
    note: text(),
    dataSourceName: text(),
    dataSourceLagMonths: integer(),
    provenance: provenance().notNull(),
    effectiveFiscalYear: integer(),
    /** The decision-log entry that made this version (no FK: the log lives in its own domain). */
    decisionId: bigint({ mode: 'number' }),
    recordedAt: createdAt(),
  },
  (t) => [unique().on(t.kpiId, t.version)],
);

/**
 * Every value a KPI ever had: append-only. The value in force for (kpi, kind, fiscal year)
 * is the latest final one, else the latest provisional one; older rows are its history.
 */
export const kpiValues = pgTable(
  'kpi_values',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    kpiId: uuid()
      .notNull()
      .references(() => kpis.id),
    kind: valueKind().notNull(),
    fiscalYear: integer().notNull(),
    yearBasis: yearBasis().notNull().default('fiscal'),
    value: exact().notNull(),
    cumulative: boolean().notNull().default(false),
    quality: valueQuality().notNull().default('final'),
    cancelledReason: text(),
    printed: text(),
    note: text(),
    provenance: provenance().notNull(),
    /** The review submission or decision this value came from, when not from the document. */
    sourceRef: jsonb().$type<{ submissionId?: string; decisionId?: number; effectiveFiscalYear?: number }>(),
    recordedBy: uuid(),
    recordedAt: createdAt(),
  },
  // Reads pick the value in force per (kpi, kind, year): this index serves that DISTINCT ON.
  (t) => [index().on(t.kpiId, t.kind, t.fiscalYear, t.id)],
);
