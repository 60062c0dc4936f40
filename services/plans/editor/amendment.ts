/**
 * An amendment (改訂) changes an adopted plan outside a review. Like a review's revision it is
 * logged in the append-only decision log — who, when, why, before → after — with source
 * `amendment`, and announced (publish-decision). It takes effect from the fiscal year in which
 * it is made; a year judged before keeps what it was judged on (target-history.ts).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { decisionLog, kpis, kpiVersions, type DecisionMarker } from '../../../db/schema/index.ts';
import type { AuthUser, ServiceContext } from '../../context.ts';
import { conflict, notFound, ServiceError } from '../../errors.ts';
import { fiscalYearOf } from '../../fiscal-year.ts';
import { enqueue } from '../../outbox/enqueue.ts';
import { lockPlan } from './draft.ts';

/**
 * The adopted plan of the item being amended, locked. Another organization's plan makes the item
 * itself "not found" (`item`), as a random id would; a draft is changed in the editor instead (409).
 */
export async function lockAdoptedPlan(tx: Tx, user: AuthUser, planId: string, item: string) {
  const plan = await lockPlan(tx, user, planId).catch((error: unknown) => {
    throw error instanceof ServiceError && error.code === 'NOT_FOUND' ? notFound(item) : error;
  });
  if (plan.status !== 'adopted') throw conflict({ key: 'refusals.planDraftAmend' });
  return plan;
}

/** The id the log entry will have, taken first so the new values can point at it. */
export async function nextDecisionId(tx: Tx): Promise<number> {
  const [row] = (await tx.execute<{ id: string }>(sql`select nextval(pg_get_serial_sequence('decision_log', 'id')) as id`)) as unknown as [{ id: string }];
  return Number(row.id);
}

export interface Amendment {
  id: number;
  organizationId: string;
  planId: string;
  marker: DecisionMarker;
  subject: { type: 'measure' | 'project' | 'kpi'; id: string; code: string };
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  rationale: string;
}

export async function logAmendment(tx: Tx, ctx: ServiceContext, user: AuthUser, a: Amendment) {
  const now = ctx.clock.now();
  await tx.insert(decisionLog).values({
    id: a.id,
    organizationId: a.organizationId,
    planId: a.planId,
    fiscalYear: fiscalYearOf(now),
    marker: a.marker,
    subjectType: a.subject.type,
    subjectId: a.subject.id,
    subjectCode: a.subject.code,
    before: a.before,
    after: a.after,
    rationale: a.rationale,
    source: 'amendment',
    decidedBy: user.id,
    decidedAt: now,
  });
  await enqueue(tx, 'publish-decision', { decisionId: a.id });
}

/** What an amendment changes: only the fields that differ, with what they were (null where empty). */
export function changedFields<T extends Record<string, string | null>>(current: T, wanted: T): { before: Partial<T>; after: Partial<T> } {
  const keys = (Object.keys(wanted) as (keyof T)[]).filter((k) => wanted[k] !== current[k]);
  return { before: Object.fromEntries(keys.map((k) => [k, current[k]])) as Partial<T>, after: Object.fromEntries(keys.map((k) => [k, wanted[k]])) as Partial<T> };
}

/** A KPI's new definition as its next version: the row changes, kpi_versions keeps every version, each pointing at its decision. */
export async function newKpiVersion(tx: Tx, kpi: typeof kpis.$inferSelect, changes: Partial<Pick<typeof kpis.$inferSelect, 'name' | 'note'>>, meta: { decisionId: number; now: Date }) {
  const [updated] = await tx
    .update(kpis)
    .set({ ...changes, version: kpi.version + 1 })
    .where(and(eq(kpis.id, kpi.id), eq(kpis.version, kpi.version)))
    .returning();
  if (!updated) throw conflict({ key: 'refusals.amendedMeanwhile' });
  const { name, unit, cumulative, direction, note, dataSourceName, dataSourceLagMonths, version } = updated;
  // An amendment takes effect from the fiscal year in which it is made.
  await tx.insert(kpiVersions).values({ kpiId: kpi.id, version, name, unit, cumulative, direction, note, dataSourceName, dataSourceLagMonths, provenance: 'decision', effectiveFiscalYear: fiscalYearOf(meta.now), decisionId: meta.decisionId, recordedAt: meta.now });
  return updated;
}
