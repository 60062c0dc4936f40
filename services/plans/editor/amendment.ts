/**
 * An amendment (改訂) changes an adopted plan outside a review. Like a review's revision it is
 * logged in the append-only decision log — who, when, why, before → after — with source
 * `amendment`, and announced (publish-decision). It takes effect from the fiscal year in which
 * it is made; a year judged before keeps what it was judged on (target-history.ts).
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { decisionLog, type RevisionMarker } from '../../../db/schema/index.ts';
import type { AuthUser, ServiceContext } from '../../context.ts';
import { conflict } from '../../errors.ts';
import { fiscalYearOf } from '../../fiscal-year.ts';
import { enqueue } from '../../outbox/enqueue.ts';
import { lockPlan } from './draft.ts';

/** The adopted plan, locked; a draft is changed in the editor instead (409). */
export async function lockAdoptedPlan(tx: Tx, user: AuthUser, planId: string) {
  const plan = await lockPlan(tx, user, planId);
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
  marker: RevisionMarker;
  subject: { type: 'project' | 'kpi'; id: string; code: string };
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
