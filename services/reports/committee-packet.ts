/**
 * The strategy council's packet for a fiscal year: a review sheet per measure (効果検証シート)
 * with every KPI's figures and status, the department's cause and improvement, the effect
 * grade and next step, the decisions the review took, and the council's opinions with the
 * city's response and the decisions they led to. The strategy office's document for the
 * council, so for the strategy office only: it carries every department's cause and
 * improvement, which a department member may not see of other departments.
 */
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { decisionLog, users } from '../../db/schema/index.ts';
import { requireStrategyOffice } from '../auth/authorize.ts';
import type { ServiceContext } from '../context.ts';
import { ORIENT_STATUSES, STATUS_LABELS } from '../orient/statuses.ts';
import { summarize } from '../orient/summarize.ts';
import { MARKER_LABELS } from '../plans/markers.ts';
import { decisionNames } from '../decisions/decision-names.ts';
import { changeLines } from '../decisions/describe-changes.ts';
import { decisionSubjectName } from '../decisions/list-decisions.ts';
import { mostCautiousGrade } from '../reviews/assess-cycle.ts';
import { isoDateInTokyo } from '../fiscal-year.ts';
import { formatters } from '../i18n/format.ts';
import { translator } from '../i18n/translate.ts';
import { japaneseDay } from './dates.ts';
import { achievementText, printedText } from './figures.ts';
import { getKpiReport, type KpiReportRow } from './kpi-report.ts';
import { listCouncilOpinions, type CouncilOpinion } from './list-council-opinions.ts';
import { renderReport } from './render.ts';
import { loadReviewResults } from './review-results.ts';

const t = translator('ja');
const ja = formatters('ja');

export async function getCommitteePacket({ ctx, input }: { ctx: ServiceContext; input: { planId: string; fiscalYear: number } }) {
  requireStrategyOffice(ctx);
  const report = await getKpiReport(ctx, input.planId, input.fiscalYear);
  const [results, opinions] = await Promise.all([loadReviewResults(ctx, input.planId, report.fiscalYear), listCouncilOpinions(ctx, input.planId, { fiscalYear: report.fiscalYear })]);
  const cycleIds = results.cycles.map((c) => c.id);
  // The review's decisions, and the office's decisions about the year's citizens' page (withdrawals).
  const [decisions, nameOf] = await Promise.all([
    ctx.db
      .select({ decision: decisionLog, subjectName: decisionSubjectName, decidedByName: users.name })
      .from(decisionLog)
      .leftJoin(users, eq(users.id, decisionLog.decidedBy))
      .where(and(eq(decisionLog.planId, input.planId), or(cycleIds.length ? inArray(decisionLog.cycleId, cycleIds) : sql`false`, and(eq(decisionLog.subjectType, 'publication'), eq(decisionLog.fiscalYear, report.fiscalYear)))))
      .orderBy(asc(decisionLog.id))
      .then((rows) => rows.map((r) => ({ ...r.decision, subjectName: r.subjectName, decidedByName: r.decidedByName }))),
    decisionNames(ctx, input.planId),
  ]);
  const decisionLine = (d: (typeof decisions)[number]) => ({
    id: d.id,
    marker: d.marker,
    markerLabel: MARKER_LABELS[d.marker].ja,
    subjectName: d.subjectType === 'publication' ? `市民向け公開ページ（${ja.fy(d.fiscalYear)}）` : (d.subjectName ?? ''),
    changes: changeLines(d.before, d.after, 'ja', nameOf),
    rationale: d.rationale,
    decidedByName: d.decidedByName,
    decidedOn: d.decidedAt ? japaneseDay(isoDateInTokyo(d.decidedAt)) : ja.fy(d.fiscalYear),
  });

  const words = report.vocabulary;
  const rows = report.goals.flatMap((g) => g.rows.filter((r) => r.kind === 'kpi').map((r) => ({ ...r, goalTitle: g.title })));
  const measureIds = [...new Set(rows.map((r) => r.measureId!))];
  const yearIndex = report.years.indexOf(report.fiscalYear);
  const kpiLine = (r: KpiReportRow) => {
    const explanation = results.explanations.get(r.kpiId);
    return {
      code: r.code,
      name: r.name,
      baseline: printedText(r.baseline, r.unit),
      actual: printedText(yearIndex >= 0 ? r.actuals[yearIndex] ?? null : null, r.unit),
      target: printedText(r.target, r.unit),
      achievement: r.achievement,
      achievementText: achievementText(r.achievement, r.decline),
      status: r.status,
      statusLabel: r.statusLabel,
      reason: r.reason,
      explanation: explanation ? { cause: explanation.cause, improvement: explanation.improvement } : null,
    };
  };

  const measures = measureIds.map((measureId) => {
    const mine = rows.filter((r) => r.measureId === measureId);
    const first = mine[0]!;
    const cycle = results.cycles.find((c) => c.measureId === measureId) ?? null;
    const projectIds = [...new Set(mine.map((r) => r.projectId!))];
    return {
      id: measureId,
      number: first.measureNumber!,
      label: ja.measure(first.measureNumber!),
      title: first.measureTitle!,
      goalNumber: first.goalNumber,
      goalTitle: first.goalTitle,
      directionCode: first.directionCode,
      cycle: cycle && { id: cycle.id, phase: cycle.phase, phaseLabel: t(`phases.${cycle.phase}`), dueDate: cycle.dueDate },
      summary: summarize(mine),
      projects: projectIds.map((projectId) => {
        const kpis = mine.filter((r) => r.projectId === projectId);
        const assessment = results.assessments.get(projectId);
        const suggested = mostCautiousGrade(kpis.map((k) => k.suggestedGrade));
        return {
          id: projectId,
          code: kpis[0]!.projectCode!,
          name: kpis[0]!.projectName!,
          status: kpis[0]!.projectStatus!,
          departments: kpis[0]!.departments,
          kpis: kpis.map(kpiLine),
          suggestedGrade: suggested && { code: suggested, label: words.effectGrades[suggested].ja },
          assessment: assessment
            ? { effectGrade: assessment.effectGrade, effectGradeLabel: words.effectGrades[assessment.effectGrade].ja, nextStep: assessment.nextStep, nextStepLabel: words.nextSteps[assessment.nextStep].ja, comment: assessment.comment }
            : null,
        };
      }),
      decisions: decisions.filter((d) => cycle && d.cycleId === cycle.id).map(decisionLine),
      opinions: opinions.filter((o) => o.measureId === measureId).map(opinionLine),
    };
  });

  return {
    organization: report.organization,
    plan: report.plan,
    fiscalYear: report.fiscalYear,
    fiscalYearLabel: report.fiscalYearLabel,
    asOf: report.asOf,
    asOfLabel: japaneseDay(report.asOf),
    summary: { kpis: report.summary, opinions: opinions.length, awaitingResponse: opinions.filter((o) => o.awaitingResponse).length },
    generalOpinions: opinions.filter((o) => o.measureId === null).map(opinionLine),
    publicationDecisions: decisions.filter((d) => d.subjectType === 'publication').map(decisionLine),
    measures,
  };
}

export async function committeePacketHtml(args: Parameters<typeof getCommitteePacket>[0]): Promise<string> {
  const statusLabels = Object.fromEntries(ORIENT_STATUSES.map((s) => [s, STATUS_LABELS[s].ja]));
  return renderReport('committee-packet', { ...(await getCommitteePacket(args)), statusOrder: ORIENT_STATUSES, statusLabels });
}

function opinionLine(o: CouncilOpinion) {
  return {
    id: o.id,
    opinion: o.opinion,
    meetingDate: o.meetingDate,
    meetingLabel: o.meetingDate ? japaneseDay(o.meetingDate) : null,
    response: o.response,
    awaitingResponse: o.awaitingResponse,
    decisions: o.decisions.map((d) => ({ id: d.id, markerLabel: d.markerLabel, subjectName: d.subjectName })),
  };
}
