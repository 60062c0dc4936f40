import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { departments, organizations } from '../organizations/tables.ts';
import { kpis, plans } from '../plans/tables.ts';
import { reviewCycles, reviewTasks } from '../reviews/tables.ts';

const at = () => timestamp({ withTimezone: true }).notNull().default(sql`now()`);

/**
 * When a plan's yearly review happens: collection opens and is due on these days (MM-DD) of
 * the calendar year after the fiscal year closes; reminders and escalations count days from
 * the due date. One row per plan; absent means the documented defaults (jobs/calendar.ts).
 */
export const reviewCalendars = pgTable('review_calendars', {
  planId: uuid()
    .primaryKey()
    .references(() => plans.id),
  collectionOpens: text().notNull().default('05-01'),
  dueOn: text().notNull().default('06-30'),
  /** Reminders this many days before the due date (plus the kick-off notice when collection opens). */
  remindDaysBefore: integer().array().notNull().default(sql`'{14,3}'`),
  remindOnDueDay: boolean().notNull().default(true),
  /** After the due date, a reminder every this many days. */
  overdueEveryDays: integer().notNull().default(7),
  /** Overdue this many days: the department head is told (or the deputy, when delegated). */
  escalateToHeadAfterDays: integer().notNull().default(7),
  /** Overdue this many days: the strategy office is told. */
  escalateToOfficeAfterDays: integer().notNull().default(14),
  /** Local time (HH:MM, Tokyo) of the daily run: reminders, escalations, the office's summary. */
  dailyRunAt: text().notNull().default('09:00'),
  version: integer().notNull().default(1),
  updatedBy: uuid(),
  updatedAt: at(),
});

export const emailStatus = pgEnum('email_status', ['pending', 'sent', 'failed']);

/**
 * Every email the system sends. `reasonKey` says why it exists (e.g. remind:<cycle year>:<department>:due-3)
 * and is unique, so the same email can never be sent twice.
 */
export const emails = pgTable(
  'emails',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Whose email it is: administrators see their own organization's only. */
    organizationId: uuid().references(() => organizations.id),
    reasonKey: text().notNull().unique(),
    template: text().notNull(),
    locale: text().notNull().default('ja'),
    to: text().array().notNull(),
    cc: text().array().notNull().default(sql`'{}'`),
    subject: text().notNull(),
    text: text().notNull(),
    html: text().notNull(),
    status: emailStatus().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    lastError: text(),
    messageId: text(),
    createdAt: at(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.status), index().on(t.organizationId, t.createdAt)],
);

export const escalationKind = pgEnum('escalation_kind', ['task_overdue', 'kpi_behind']);
export const escalationLevel = pgEnum('escalation_level', ['department_head', 'strategy_office']);

/** An overdue task or an at-risk/off-track KPI raised to someone above the department. */
export const escalations = pgTable(
  'escalations',
  {
    id: uuid().primaryKey().defaultRandom(),
    cycleId: uuid()
      .notNull()
      .references(() => reviewCycles.id),
    kind: escalationKind().notNull(),
    level: escalationLevel().notNull(),
    departmentId: uuid()
      .notNull()
      .references(() => departments.id),
    taskId: uuid().references(() => reviewTasks.id),
    kpiId: uuid().references(() => kpis.id),
    /** The KPI's status when it was raised (at_risk / off_track). */
    status: text(),
    /** Who was told: the head, or the deputy when the head delegated. */
    notifiedTo: text(),
    createdAt: at(),
    resolvedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique('escalation_once').on(t.kind, t.level, t.cycleId, t.departmentId, t.taskId, t.kpiId).nullsNotDistinct(),
    index().on(t.createdAt),
  ],
);

/** People outside the departments who are told of every decision of a plan (e.g. council members). */
export const decisionSubscribers = pgTable(
  'decision_subscribers',
  {
    id: uuid().primaryKey().defaultRandom(),
    planId: uuid()
      .notNull()
      .references(() => plans.id),
    email: text().notNull(),
    name: text(),
    createdAt: at(),
  },
  (t) => [unique().on(t.planId, t.email)],
);
