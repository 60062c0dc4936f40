/**
 * The close of a strategy period (総括): for a plan whose last fiscal year has ended, the final
 * evaluation of every numeric target and KPI at that year — the Orient engine's own verdict
 * (getKpiReport → getPlanDashboard), never a second set of rules — each project's effect grades
 * and next steps over the years of its reviews, and every decision of the decision log. What the
 * council reviews before the next plan. The strategy office's document: it carries every
 * department's assessments.
 */
import { desc, eq, inArray } from 'drizzle-orm';
import { projectAssessments, reviewCycles } from '../../db/schema/index.ts';
import { requireStrategyOffice } from '../auth/authorize.ts';
import type { ServiceContext } from '../context.ts';
import { listAllDecisions } from '../decisions/list-decisions.ts';
import { badRequest, problemAt } from '../errors.ts';
import { fiscalYearLabel, fiscalYearOf, isoDateInTokyo } from '../fiscal-year.ts';
import { formatters } from '../i18n/format.ts';
import { translator, type MessageKey } from '../i18n/translate.ts';
import { MARKER_LABELS } from '../plans/markers.ts';
import { findPlan } from '../plans/queries.ts';
import { japaneseDay } from './dates.ts';
import { ORIENT_STATUSES, STATUS_LABELS } from '../orient/statuses.ts';
import { renderReport } from './render.ts';
import { achievementText, printedText, type ReportValue } from './figures.ts';
import { getKpiReport, type KpiReportRow } from './kpi-report.ts';

const ja = formatters('ja');
const sayJa = translator('ja');
const SUBJECTS = { measure: '施策', project: '事業', kpi: 'ＫＰＩ', publication: '市民向け公開ページ' } as const;

export type CloseOut = Awaited<ReturnType<typeof getCloseOut>>;

/** Whether the plan's period is over (its last fiscal year has ended): the close-out is for such a plan. */
export const periodEnded = (plan: { periodEndFiscalYear: number }, now: Date) => fiscalYearOf(now) > plan.periodEndFiscalYear;

export async function getCloseOut({ ctx, input }: { ctx: ServiceContext; input: { planId: string } }) {
  requireStrategyOffice(ctx);
  const plan = await findPlan(ctx, input.planId);
  if (!periodEnded(plan, ctx.clock.now())) {
    throw badRequest('the plan period has not ended', [problemAt('planId', { key: 'problems.periodNotOver', params: { end: plan.periodEndFiscalYear } })]);
  }
  const finalYear = plan.periodEndFiscalYear;
  const report = await getKpiReport(ctx, input.planId, finalYear);
  const words = report.vocabulary;

  const kpiLine = (r: KpiReportRow) => {
    const last = lastActual(r, report.years);
    return {
      kind: r.kind,
      name: r.name,
      unit: r.unit,
      measureLabel: r.measureNumber === null ? null : `${ja.measure(r.measureNumber)}\u3000${r.measureTitle}`,
      projectName: r.projectName,
      departments: r.departments,
      baseline: printedText(r.baseline, r.unit),
      baselineYear: r.baseline ? fiscalYearLabel(r.baseline.fiscalYear, r.baseline.yearBasis).ja : null,
      finalActual: printedText(last, r.unit),
      finalActualYear: last ? fiscalYearLabel(last.fiscalYear, last.yearBasis).ja : null,
      target: printedText(r.target, r.unit),
      targetYear: r.target ? fiscalYearLabel(r.target.fiscalYear, r.target.yearBasis).ja : null,
      achievement: r.achievement,
      achievementText: achievementText(r.achievement, r.decline),
      status: r.status,
      statusLabel: r.statusLabel,
      achieved: r.status === 'achieved',
      reason: r.reason,
      /** For matching with the engine only; never shown. */
      kpiId: r.kpiId,
    };
  };

  // Every review of the plan, year by year: the latest assessment of each project in each year.
  const cycles = await ctx.db.select().from(reviewCycles).where(eq(reviewCycles.planId, input.planId));
  const assessments = cycles.length
    ? await ctx.db
        .select()
        .from(projectAssessments)
        .where(inArray(projectAssessments.cycleId, cycles.map((c) => c.id)))
        .orderBy(desc(projectAssessments.assessedAt), desc(projectAssessments.id))
    : [];
  const yearOfCycle = new Map(cycles.map((c) => [c.id, c.fiscalYear]));
  const history = new Map<string, Map<number, (typeof assessments)[number]>>();
  for (const a of assessments) {
    const year = yearOfCycle.get(a.cycleId)!;
    const byYear = history.get(a.projectId) ?? new Map();
    if (!byYear.has(year)) byYear.set(year, a);
    history.set(a.projectId, byYear);
  }
  const reviewYears = [...new Set(cycles.map((c) => c.fiscalYear))].sort((a, b) => a - b);

  const projects = report.goals.flatMap((g) =>
    g.rows
      .filter((r) => r.kind === 'kpi')
      .filter((r, i, rows) => rows.findIndex((x) => x.projectId === r.projectId) === i)
      .map((r) => {
        const kpis = g.rows.filter((x) => x.projectId === r.projectId);
        const byYear = history.get(r.projectId!) ?? new Map<number, (typeof assessments)[number]>();
        const grades = reviewYears.map((year) => {
          const a = byYear.get(year);
          return { year, yearLabel: fiscalYearLabel(year).ja, effectGrade: a ? words.effectGrades[a.effectGrade].ja : null, nextStep: a ? words.nextSteps[a.nextStep].ja : null, comment: a?.comment ?? null };
        });
        return {
          goalNumber: g.number,
          measureLabel: `${ja.measure(r.measureNumber!)}\u3000${r.measureTitle}`,
          name: r.projectName!,
          ended: r.projectStatus === 'ended',
          departments: r.departments,
          kpiCount: kpis.length,
          achievedCount: kpis.filter((k) => k.status === 'achieved').length,
          grades,
          latest: [...grades].reverse().find((x) => x.effectGrade) ?? null,
        };
      }),
  );

  const decisions = (await listAllDecisions(ctx, input.planId)).map((d) => ({
    yearLabel: fiscalYearLabel(d.fiscalYear).ja,
    marker: MARKER_LABELS[d.marker].ja,
    subject: SUBJECTS[d.subjectType],
    subjectName: d.subjectName ?? '',
    source: sayJa(`decisions.sources.${d.source}` as MessageKey),
    rationale: d.rationale ?? '',
    decidedBy: d.decidedByName ?? '',
    decidedOn: d.decidedAt ? japaneseDay(isoDateInTokyo(d.decidedAt)) : null,
  }));

  return {
    organization: report.organization,
    plan: { id: report.plan.id, name: report.plan.name, periodLabel: `${fiscalYearLabel(plan.periodStartFiscalYear).ja}〜${fiscalYearLabel(finalYear).ja}` },
    finalYear,
    finalYearLabel: report.fiscalYearLabel,
    asOf: report.asOf,
    asOfLabel: japaneseDay(report.asOf),
    summary: report.summary,
    goals: report.goals.map((g) => ({
      number: g.number,
      title: g.title,
      summary: g.summary,
      numericTargets: g.rows.filter((r) => r.kind === 'numeric_target').map(kpiLine),
      kpis: g.rows.filter((r) => r.kind === 'kpi').map(kpiLine),
    })),
    reviewYears: reviewYears.map((y) => fiscalYearLabel(y).ja),
    projects,
    decisions,
  };
}

/** The latest actual the period printed or reported, up to the final year. */
function lastActual(r: KpiReportRow, years: number[]): ReportValue | null {
  for (let i = years.length - 1; i >= 0; i--) if (r.actuals[i]) return r.actuals[i]!;
  return null;
}

/** The close-out, print-ready in the city's style (the committee packet's). */
export async function closeOutHtml(args: Parameters<typeof getCloseOut>[0]): Promise<string> {
  const statusLabels = Object.fromEntries(ORIENT_STATUSES.map((s) => [s, STATUS_LABELS[s].ja]));
  return renderReport('close-out', { ...(await getCloseOut(args)), statusOrder: ORIENT_STATUSES, statusLabels });
}
