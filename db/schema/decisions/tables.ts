import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { DECISION_MARKERS, REVISION_MARKERS } from './constants.ts';
import { organizations } from '../organizations/tables.ts';
import { plans } from '../plans/tables.ts';

export const revisionMarker = pgEnum('revision_marker', REVISION_MARKERS);
export const decisionMarker = pgEnum('decision_marker', DECISION_MARKERS);
/** `publication`: a fiscal year of the citizens' page (its subject id is the plan's). */
export const decisionSubject = pgEnum('decision_subject', ['measure', 'project', 'kpi', 'publication']);
/** document: printed in the plan; review: decided in a review cycle; amendment: an out-of-review amendment (改訂) of an adopted plan. */
export const decisionSource = pgEnum('decision_source', ['document', 'review', 'amendment']);

/**
 * The decision log: every revision of a plan, who decided it, when, before and after.
 * Append-only — a trigger (see the migration) rejects UPDATE and DELETE.
 */
export const decisionLog = pgTable(
  'decision_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    planId: uuid()
      .notNull()
      .references(() => plans.id),
    fiscalYear: integer().notNull(),
    marker: decisionMarker().notNull(),
    subjectType: decisionSubject().notNull(),
    subjectId: uuid().notNull(),
    /** Code of the subject (e.g. m01-p02) so the log reads on its own. */
    subjectCode: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    rationale: text(),
    source: decisionSource().notNull(),
    cycleId: uuid(),
    proposalId: uuid(),
    decidedBy: uuid(),
    /**
     * When the decision was taken. Null for the document's own decisions: the print dates the
     * mid-term revision only by its fiscal year (令和4年度), so `fiscalYear` is their date and no
     * day is made up (docs/plan-data-provenance.md).
     */
    decidedAt: timestamp({ withTimezone: true }).default(sql`now()`),
  },
  (t) => [index().on(t.planId, t.fiscalYear), index().on(t.subjectId)],
);
