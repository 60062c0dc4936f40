/**
 * The plan dashboard for a fiscal year: every KPI and numeric target with its values in force,
 * its assessment and a suggested effect grade, rolled up by project, measure, direction and
 * goal. The one reader of the Orient module: it loads the plan and hands plain data to the
 * pure functions.
 */
import type { ServiceContext } from '../context.ts';
import { fiscalYearLabel, fiscalYearOf, isoDateInTokyo } from '../fiscal-year.ts';
import { findPlanInOrganization } from '../plans/find-plan.ts';
import { loadPlanTree, type KpiNode, type PlanTree, type ProjectNode } from '../plans/load-plan-tree.ts';
import { definedFor, definitionHistory, targetHistory, withTargetHistory } from '../plans/target-history.ts';
import { assessKpi } from './assess-kpi.ts';
import { vocabularyOf } from '../reviews/vocabulary.ts';
import { suggestEffectGrade } from './effect-grade.ts';
import { ORIENT_STATUSES, STATUS_LABELS, STATUS_SEVERITY } from './statuses.ts';
import { linkNumericTargets, summarize } from './summarize.ts';
import { resolvePublicationLags } from './publication-lags.ts';
import { resolveThresholds } from './thresholds.ts';
import { requireUserOrSystem } from '../auth/authorize.ts';

export interface PlanDashboardInput {
  planId: string;
  /** Default: the latest fiscal year with any actual, else the current one. */
  fiscalYear?: number;
  /** `YYYY-MM-DD`; default: today in Tokyo. */
  asOf?: string;
}

/** A signed-in user reads their own organization's plans only (another's is "not found"); the system reads any. */
export async function getPlanDashboard({ ctx, input }: { ctx: ServiceContext; input: PlanDashboardInput }) {
  const user = requireUserOrSystem(ctx);
  if (user) await findPlanInOrganization(ctx.db, input.planId, user.organizationId);
  const tree = await loadPlanTree(ctx.db, input.planId);
  const now = ctx.clock.now();
  const asOf = input.asOf ?? isoDateInTokyo(now);
  const fiscalYear = input.fiscalYear ?? latestActualYear(tree) ?? fiscalYearOf(now);
  const period = { startFiscalYear: tree.plan.periodStartFiscalYear, endFiscalYear: tree.plan.periodEndFiscalYear };
  const thresholds = resolveThresholds(tree.plan.orientSettings);
  const lags = resolvePublicationLags(tree.plan.orientSettings);
  const [targets, definitions] = await Promise.all([targetHistory(ctx.db, { planId: input.planId }), definitionHistory(ctx.db, { planId: input.planId })]);
  const vocabulary = await vocabularyOf(ctx.db, tree.organization.id);

  const entry = (kpi: KpiNode, projectEndedFiscalYear: number | null = null) => {
    const judged = definedFor(kpi, definitions.get(kpi.id), fiscalYear);
    const assessment = assessKpi({ ...judged, values: withTargetHistory(kpi.values, targets.get(kpi.id)) }, { fiscalYear, asOf, period, thresholds, projectEndedFiscalYear, publicationLag: lags.get(kpi.code) ?? null });
    const grade = suggestEffectGrade(judged, assessment, period);
    return {
      id: kpi.id,
      code: kpi.code,
      name: kpi.name,
      unit: kpi.unit,
      cumulative: kpi.cumulative,
      direction: kpi.direction,
      note: kpi.note,
      dataSourceName: kpi.dataSourceName,
      values: kpi.values,
      assessment,
      effectGrade: grade && { code: grade, ...vocabulary.effectGrades[grade] },
    };
  };
  type Entry = ReturnType<typeof entry>;
  const summaryOf = (entries: Entry[]) => summarize(entries.map((e) => e.assessment));

  const goals = tree.goals.map((goal) => {
    const directions = goal.directions.map((direction) => {
      const measures = direction.measures.map((measure) => {
        const projects = measure.projects.map((project) => {
          const ended = endedFiscalYear(project, period.startFiscalYear);
          const kpis = project.kpis.map((k) => entry(k, ended));
          return {
            id: project.id,
            code: project.code,
            name: project.name,
            status: project.status,
            endedFiscalYear: ended,
            departments: project.departments,
            summary: summaryOf(kpis),
            kpis,
          };
        });
        const kpis = projects.flatMap((p) => p.kpis);
        return { id: measure.id, number: measure.number, title: measure.title, summary: summaryOf(kpis), projects, kpis };
      });
      const kpis = measures.flatMap((m) => m.kpis);
      return { id: direction.id, code: direction.code, title: direction.title, summary: summaryOf(kpis), measures: measures.map(({ kpis: _k, ...m }) => m), kpis };
    });
    const kpis = directions.flatMap((d) => d.kpis);
    const targets = goal.numericTargets.map((k) => entry(k));
    const links = new Map(linkNumericTargets(targets, kpis).map((l) => [l.numericTargetId, l]));
    return {
      id: goal.id,
      number: goal.number,
      title: goal.title,
      summary: summaryOf(kpis),
      numericTargetSummary: summaryOf(targets),
      numericTargets: targets.map((t) => ({ ...t, supporting: { kpiIds: links.get(t.id)!.supportingKpiIds, summary: links.get(t.id)!.supporting } })),
      directions: directions.map(({ kpis: _k, ...d }) => d),
      kpis,
      targets,
    };
  });

  const allKpis = goals.flatMap((g) => g.kpis);
  const allTargets = goals.flatMap((g) => g.targets);
  return {
    plan: {
      id: tree.plan.id,
      code: tree.plan.code,
      name: tree.plan.name,
      nameEn: tree.plan.nameEn,
      periodStartFiscalYear: period.startFiscalYear,
      periodEndFiscalYear: period.endFiscalYear,
    },
    fiscalYear,
    fiscalYearLabel: fiscalYearLabel(fiscalYear),
    asOf,
    thresholds,
    statuses: ORIENT_STATUSES.map((code) => ({ code, ...STATUS_LABELS[code], severity: STATUS_SEVERITY[code] })),
    summary: {
      kpis: summaryOf(allKpis),
      numericTargets: summaryOf(allTargets),
      all: summaryOf([...allTargets, ...allKpis]),
    },
    goals: goals.map(({ kpis: _k, targets: _t, ...g }) => g),
  };
}

function latestActualYear(tree: PlanTree): number | null {
  let latest: number | null = null;
  const visit = (kpi: KpiNode) => {
    for (const v of kpi.values) if (v.kind === 'actual' && (latest === null || v.fiscalYear > latest)) latest = v.fiscalYear;
  };
  for (const goal of tree.goals) {
    goal.numericTargets.forEach(visit);
    for (const d of goal.directions) for (const m of d.measures) for (const p of m.projects) p.kpis.forEach(visit);
  }
  return latest;
}

/**
 * The fiscal year from which an ended project (取組終了) is no longer assessed: the year its end
 * was decided. Without a recorded decision, the year after its last actual (or the plan's start).
 */
function endedFiscalYear(project: ProjectNode, periodStart: number): number | null {
  if (project.status !== 'ended') return null;
  const decided = project.revisions.filter((r) => r.marker === 'project_ended').map((r) => r.fiscalYear);
  if (decided.length) return Math.max(...decided);
  const actualYears = project.kpis.flatMap((k) => k.values.filter((v) => v.kind === 'actual').map((v) => v.fiscalYear));
  return actualYears.length ? Math.max(...actualYears) + 1 : periodStart;
}
