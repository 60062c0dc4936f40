/**
 * The council's opinions on a plan (of a fiscal year), each with its measure, the city's
 * response and the decisions it led to. Readable by all staff.
 */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { councilOpinionDecisions, councilOpinions, decisionLog, measures, users } from '../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';
import { decisionSubjectName } from '../decisions/list-decisions.ts';
import { MARKER_LABELS } from '../plans/markers.ts';
import { findPlan } from '../plans/queries.ts';

const responder = alias(users, 'responder');

export async function listCouncilOpinions(ctx: ServiceContext, planId: string, filter: { fiscalYear?: number } = {}) {
  await findPlan(ctx, planId);
  const conditions: SQL[] = [eq(councilOpinions.planId, planId)];
  if (filter.fiscalYear) conditions.push(eq(councilOpinions.fiscalYear, filter.fiscalYear));
  const rows = await ctx.db
    .select({ opinion: councilOpinions, measureNumber: measures.number, measureTitle: measures.title, recordedByName: users.name, respondedByName: responder.name })
    .from(councilOpinions)
    .leftJoin(measures, eq(measures.id, councilOpinions.measureId))
    .innerJoin(users, eq(users.id, councilOpinions.recordedBy))
    .leftJoin(responder, eq(responder.id, councilOpinions.respondedBy))
    .where(and(...conditions))
    .orderBy(asc(councilOpinions.fiscalYear), sql`${measures.position} asc nulls first`, asc(councilOpinions.recordedAt), asc(councilOpinions.id));
  const links = rows.length
    ? await ctx.db
        .select({ opinionId: councilOpinionDecisions.opinionId, decision: decisionLog, subjectName: decisionSubjectName })
        .from(councilOpinionDecisions)
        .innerJoin(decisionLog, eq(decisionLog.id, councilOpinionDecisions.decisionId))
        .where(inArray(councilOpinionDecisions.opinionId, rows.map((r) => r.opinion.id)))
        .orderBy(asc(decisionLog.id))
    : [];
  return rows.map((r) => ({
    ...r.opinion,
    measureNumber: r.measureNumber,
    measureTitle: r.measureTitle,
    recordedByName: r.recordedByName,
    respondedByName: r.respondedByName,
    awaitingResponse: r.opinion.response === null,
    decisions: links
      .filter((l) => l.opinionId === r.opinion.id)
      .map(({ decision: d, subjectName: name }) => ({
        id: d.id,
        fiscalYear: d.fiscalYear,
        marker: d.marker,
        markerLabel: MARKER_LABELS[d.marker].ja,
        subjectCode: d.subjectCode,
        subjectName: name,
        rationale: d.rationale,
        decidedAt: d.decidedAt,
      })),
  }));
}

export type CouncilOpinion = Awaited<ReturnType<typeof listCouncilOpinions>>[number];
