import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
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
} from 'drizzle-orm/pg-core';
import { users } from '../access/tables.ts';
import { revisionMarker } from '../decisions/tables.ts';
import { departments, organizations } from '../organizations/tables.ts';
import { kpis, measures, plans, projects, valueQuality } from '../plans/tables.ts';
import { ACTION_ITEM_STATUSES, CYCLE_PHASES, EFFECT_GRADES, NEXT_STEPS, PROPOSAL_STATUSES, TASK_STATUSES } from './constants.ts';

export const cyclePhase = pgEnum('cycle_phase', CYCLE_PHASES);
export const taskStatus = pgEnum('task_status', TASK_STATUSES);
export const proposalStatus = pgEnum('proposal_status', PROPOSAL_STATUSES);
export const effectGrade = pgEnum('effect_grade', EFFECT_GRADES);
export const nextStep = pgEnum('next_step', NEXT_STEPS);
export const actionItemStatus = pgEnum('action_item_status', ACTION_ITEM_STATUSES);

const at = () => timestamp({ withTimezone: true }).notNull().default(sql`now()`);

/**
 * One review of one measure for one fiscal year. `phase` mirrors the statechart snapshot for
 * queries; `version` rises with every event so a stale writer loses (409).
 */
export const reviewCycles = pgTable(
  'review_cycles',
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    planId: uuid()
      .notNull()
      .references(() => plans.id),
    measureId: uuid()
      .notNull()
      .references(() => measures.id),
    fiscalYear: integer().notNull(),
    phase: cyclePhase().notNull(),
    machineVersion: integer().notNull(),
    snapshot: jsonb().notNull(),
    version: integer().notNull().default(1),
    dueDate: date({ mode: 'string' }).notNull(),
    openedBy: uuid().references(() => users.id),
    openedAt: at(),
    closedAt: timestamp({ withTimezone: true }),
    updatedAt: at(),
  },
  (t) => [unique().on(t.measureId, t.fiscalYear), index().on(t.planId, t.fiscalYear)],
);

/** A department's task in a cycle: report the actuals of one project. */
export const reviewTasks = pgTable(
  'review_tasks',
  {
    id: uuid().primaryKey().defaultRandom(),
    cycleId: uuid()
      .notNull()
      .references(() => reviewCycles.id),
    projectId: uuid()
      .notNull()
      .references(() => projects.id),
    departmentId: uuid()
      .notNull()
      .references(() => departments.id),
    /** The lead department's accepted submission becomes the project's actuals. */
    lead: boolean().notNull(),
    status: taskStatus().notNull().default('open'),
    /** Set when the strategy office reopened the task after the cycle moved on (late submission). */
    reopened: boolean().notNull().default(false),
    dueDate: date({ mode: 'string' }).notNull(),
    version: integer().notNull().default(1),
    createdAt: at(),
    updatedAt: at(),
  },
  (t) => [unique().on(t.cycleId, t.projectId, t.departmentId), index().on(t.departmentId, t.status), index().on(t.status, t.dueDate)],
);

/** Every version of a department's submission is kept; the latest is the one in force. */
export const taskSubmissions = pgTable(
  'task_submissions',
  {
    id: uuid().primaryKey().defaultRandom(),
    taskId: uuid()
      .notNull()
      .references(() => reviewTasks.id),
    version: integer().notNull(),
    comment: text(),
    evidenceUrl: text(),
    submittedBy: uuid()
      .notNull()
      .references(() => users.id),
    submittedAt: at(),
  },
  (t) => [unique().on(t.taskId, t.version)],
);

/**
 * A department's unsent draft of a task's actuals (一時保存): one per task, overwritten by each
 * save from the version last read (a stale save is a 409), deleted when the task is submitted.
 * Only the owning department reads it; the strategy office sees submissions, never drafts.
 */
export const submissionDrafts = pgTable('submission_drafts', {
  id: uuid().primaryKey().defaultRandom(),
  taskId: uuid()
    .notNull()
    .unique()
    .references(() => reviewTasks.id),
  /** As the submission body gives them (SubmittedValue[]): a value may still be missing. */
  values: jsonb().notNull(),
  comment: text(),
  evidenceUrl: text(),
  savedBy: uuid()
    .notNull()
    .references(() => users.id),
  savedAt: at(),
  version: integer().notNull().default(1),
});

export const submissionValues = pgTable(
  'submission_values',
  {
    submissionId: uuid()
      .notNull()
      .references(() => taskSubmissions.id),
    kpiId: uuid()
      .notNull()
      .references(() => kpis.id),
    /** Null only when the project was cancelled (then `cancelledReason` says why). */
    value: numeric({ mode: 'number' }),
    quality: valueQuality().notNull().default('final'),
    cancelledReason: text(),
    note: text(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.kpiId] })],
);

/** Orient: the department's cause and improvement for an at-risk or off-track KPI (latest row wins). */
export const kpiExplanations = pgTable(
  'kpi_explanations',
  {
    id: uuid().primaryKey().defaultRandom(),
    cycleId: uuid()
      .notNull()
      .references(() => reviewCycles.id),
    kpiId: uuid()
      .notNull()
      .references(() => kpis.id),
    cause: text().notNull(),
    improvement: text().notNull(),
    writtenBy: uuid()
      .notNull()
      .references(() => users.id),
    writtenAt: at(),
  },
  (t) => [index().on(t.cycleId, t.kpiId)],
);

/** Orient: the strategy office's assessment of a project (latest row wins). */
export const projectAssessments = pgTable(
  'project_assessments',
  {
    id: uuid().primaryKey().defaultRandom(),
    cycleId: uuid()
      .notNull()
      .references(() => reviewCycles.id),
    projectId: uuid()
      .notNull()
      .references(() => projects.id),
    effectGrade: effectGrade().notNull(),
    /** What the numbers suggested when the grade was confirmed. */
    suggestedGrade: effectGrade(),
    nextStep: nextStep().notNull(),
    comment: text(),
    assessedBy: uuid()
      .notNull()
      .references(() => users.id),
    assessedAt: at(),
  },
  (t) => [index().on(t.cycleId, t.projectId)],
);

/** Decide: a proposed revision, typed like the document's markers. */
export const proposals = pgTable(
  'proposals',
  {
    id: uuid().primaryKey().defaultRandom(),
    cycleId: uuid()
      .notNull()
      .references(() => reviewCycles.id),
    marker: revisionMarker().notNull(),
    /** The KPI, project, measure (project added) or direction (measure added) it is about. */
    subjectId: uuid().notNull(),
    /** The department on whose behalf it was proposed (null for the strategy office). */
    departmentId: uuid().references(() => departments.id),
    before: jsonb(),
    proposed: jsonb().notNull(),
    rationale: text().notNull(),
    status: proposalStatus().notNull().default('pending'),
    version: integer().notNull().default(1),
    proposedBy: uuid()
      .notNull()
      .references(() => users.id),
    proposedAt: at(),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionReason: text(),
    /** The decision-log entry written when the approved revision was applied in Act. */
    decisionId: bigint({ mode: 'number' }),
  },
  (t) => [index().on(t.cycleId, t.status), index().on(t.status)],
);

/** Act: a follow-up for a department. */
export const actionItems = pgTable(
  'action_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    cycleId: uuid()
      .notNull()
      .references(() => reviewCycles.id),
    departmentId: uuid()
      .notNull()
      .references(() => departments.id),
    projectId: uuid().references(() => projects.id),
    text: text().notNull(),
    dueDate: date({ mode: 'string' }),
    status: actionItemStatus().notNull().default('open'),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: at(),
    doneAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.departmentId, t.status)],
);

/** Who did what in a cycle, in order: the audit trail behind every transition. */
export const reviewEvents = pgTable(
  'review_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    cycleId: uuid()
      .notNull()
      .references(() => reviewCycles.id),
    type: text().notNull(),
    phase: cyclePhase().notNull(),
    taskId: uuid(),
    actorId: uuid(),
    detail: jsonb(),
    at: at(),
  },
  (t) => [index().on(t.cycleId, t.id)],
);
