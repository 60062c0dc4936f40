/**
 * The KPI tables of a plan at a fiscal year, one row per numeric target and KPI in plan order,
 * with the figures as printed and the Orient verdict. The Excel and CSV exports and the public
 * snapshot are all written from these rows, so they cannot disagree.
 */
import { eq } from 'drizzle-orm';
import { organizations, plans } from '../../db/schema/index.ts';
import { requireUser } from '../auth/authorize.ts';
import type { ServiceContext } from '../context.ts';
import { badRequest, problemAt } from '../errors.ts';
import type { EffectGrade } from '../orient/effect-grade.ts';
import { getPlanDashboard } from '../orient/plan-dashboard.ts';
import type { OrientStatus } from '../orient/statuses.ts';
import type { ValueUsed } from '../orient/types.ts';
import type { OrientSummary } from '../orient/summarize.ts';
import { findPlan } from '../plans/queries.ts';
import { vocabularyOf, type Vocabulary } from '../reviews/vocabulary.ts';
import { pickValue, type ReportValue } from './figures.ts';
import { periodWords } from '../plans/find-plan.ts';

export interface KpiReportRow {
  kind: 'numeric_target' | 'kpi';
  goalNumber: number;
  directionCode: string | null;
  measureId: string | null;
  measureNumber: number | null;
  measureTitle: string | null;
  projectId: string | null;
  projectCode: string | null;
  projectName: string | null;
  projectStatus: 'active' | 'ended' | null;
  /** Department names, the lead first. */
  departments: string[];
  kpiId: string;
  code: string;
  name: string;
  unit: string;
  cumulative: boolean;
  baseline: ReportValue | null;
  /** One per year of `KpiReport.years`. */
  actuals: (ReportValue | null)[];
  target: ReportValue | null;
  status: OrientStatus;
  statusLabel: string;
  reason: string;
  achievement: number | null;
  /** Achievement below zero in words (「基準値から減少」): shown instead of a negative percentage. */
  decline: { ja: string; en: string } | null;
  suggestedGrade: EffectGrade | null;
}

export interface KpiReport {
  organization: { name: string; nameEn: string | null };
  plan: { id: string; code: string; name: string; periodStartFiscalYear: number; periodEndFiscalYear: number };
  fiscalYear: number;
  fiscalYearLabel: string;
  /** The day of the assessment, `YYYY-MM-DD`. */
  asOf: string;
  /** The years whose actuals are shown: the plan's first year up to the report's. */
  years: number[];
  summary: OrientSummary;
  /** The organization's words for effect grades and next steps. */
  vocabulary: Vocabulary;
  goals: { number: number; title: string; summary: OrientSummary; numericTargetSummary: OrientSummary; rows: KpiReportRow[] }[];
}

/** For signed-in staff of the plan's organization. */
export async function getKpiReport(ctx: ServiceContext, planId: string, fiscalYear?: number): Promise<KpiReport> {
  requireUser(ctx);
  const plan = await findPlan(ctx, planId);
  if (fiscalYear !== undefined && (fiscalYear < plan.periodStartFiscalYear || fiscalYear > plan.periodEndFiscalYear)) {
    throw badRequest('fiscal year outside the plan', [problemAt('querystring.fiscalYear', periodWords(plan))]);
  }
  return buildKpiReport(ctx, planId, fiscalYear);
}

/** No authorization: callers check it (publishing is the strategy office's). */
export async function buildKpiReport(ctx: Pick<ServiceContext, 'db' | 'clock'>, planId: string, fiscalYear?: number): Promise<KpiReport> {
  const dashboard = await getPlanDashboard({ ctx: { ...ctx, actor: { type: 'system', name: 'reports' } }, input: { planId, fiscalYear } });
  const plan = dashboard.plan;
  const [organization] = await ctx.db
    .select({ id: organizations.id, name: organizations.name, nameEn: organizations.nameEn })
    .from(plans)
    .innerJoin(organizations, eq(organizations.id, plans.organizationId))
    .where(eq(plans.id, planId));
  const years: number[] = [];
  for (let y = plan.periodStartFiscalYear; y <= Math.min(dashboard.fiscalYear, plan.periodEndFiscalYear); y++) years.push(y);

  type Entry = (typeof dashboard.goals)[number]['numericTargets'][number];
  const row = (goalNumber: number, e: Entry | Omit<Entry, 'supporting'>, owner: Partial<KpiReportRow> & { kind: KpiReportRow['kind'] }): KpiReportRow => ({
    directionCode: null,
    measureId: null,
    measureNumber: null,
    measureTitle: null,
    projectId: null,
    projectCode: null,
    projectName: null,
    projectStatus: null,
    departments: [],
    ...owner,
    goalNumber,
    kpiId: e.id,
    code: e.code,
    name: e.name,
    unit: e.unit,
    cumulative: e.cumulative,
    baseline: pickValue(e.values, 'baseline'),
    actuals: years.map((y) => pickValue(e.values, 'actual', y)),
    target: judgedTarget(pickValue(e.values, 'target'), e.assessment.target),
    status: e.assessment.status,
    statusLabel: e.assessment.label.ja,
    reason: e.assessment.reason.ja,
    achievement: e.assessment.achievement,
    decline: e.assessment.decline,
    suggestedGrade: e.effectGrade?.code ?? null,
  });

  return {
    organization: { name: organization!.name, nameEn: organization!.nameEn },
    plan,
    fiscalYear: dashboard.fiscalYear,
    fiscalYearLabel: dashboard.fiscalYearLabel.ja,
    asOf: dashboard.asOf,
    years,
    summary: dashboard.summary.kpis,
    vocabulary: await vocabularyOf(ctx.db, organization!.id),
    goals: dashboard.goals.map((goal) => ({
      number: goal.number,
      title: goal.title,
      summary: goal.summary,
      numericTargetSummary: goal.numericTargetSummary,
      rows: [
        ...goal.numericTargets.map((t) => row(goal.number, t, { kind: 'numeric_target' })),
        ...goal.directions.flatMap((d) =>
          d.measures.flatMap((m) =>
            m.projects.flatMap((p) =>
              p.kpis.map((k) =>
                row(goal.number, k, {
                  kind: 'kpi',
                  directionCode: d.code,
                  measureId: m.id,
                  measureNumber: m.number,
                  measureTitle: m.title,
                  projectId: p.id,
                  projectCode: p.code,
                  projectName: p.name,
                  projectStatus: p.status,
                  departments: p.departments.map((x) => x.name),
                }),
              ),
            ),
          ),
        ),
      ],
    })),
  };
}

/**
 * The target a row shows: the one the year was judged on. A revision effective from a later
 * year has replaced the target in force, but not for this year (docs/orient-rules.md).
 */
function judgedTarget(inForce: ReportValue | null, used: ValueUsed | null): ReportValue | null {
  if (!used || (inForce && inForce.fiscalYear === used.fiscalYear && inForce.value === used.value)) return inForce;
  return { fiscalYear: used.fiscalYear, yearBasis: used.yearBasis, value: used.value, cumulative: used.cumulative, quality: used.quality, cancelledReason: null, printed: null };
}
