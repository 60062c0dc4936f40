/**
 * Writes a plan back out in the plan-file format: the definitions and values in force, and
 * every revision from the decision log. Importing the result into an empty install
 * reproduces the plan.
 */
import type { DbOrTx } from '../../db/client.ts';
import { loadPlanTree, type DecisionRow, type KpiNode } from './load-plan-tree.ts';
import { normalizePlanFile } from './normalize-plan-file.ts';
import { predecessorRefs } from './predecessors.ts';
import { PLAN_FILE_FORMAT, PLAN_FILE_VERSION, type PlanFile, type PlanFileKpi, type PlanFileRevision } from './plan-file.ts';
import type { UnitSymbol } from './units.ts';

export async function exportPlan(db: DbOrTx, planId: string): Promise<PlanFile> {
  const tree = await loadPlanTree(db, planId);
  const departments = new Map<string, PlanFile['departments'][number]>();
  const projects = tree.goals.flatMap((g) => g.directions.flatMap((d) => d.measures.flatMap((m) => m.projects)));
  for (const d of projects.flatMap((p) => p.departments)) {
    if (!departments.has(d.code)) departments.set(d.code, { code: d.code, name: d.name, nameEn: d.nameEn ?? undefined });
  }
  const { organization: org, plan } = tree;
  const measureList = tree.goals.flatMap((g) => g.directions.flatMap((d) => d.measures));
  const kpiList = [...tree.goals.flatMap((g) => g.numericTargets), ...projects.flatMap((p) => p.kpis)];
  const ids = (list: (string | null)[]) => list.filter((id): id is string => id !== null);
  const predecessor = await predecessorRefs(db, {
    measures: ids(measureList.map((m) => m.predecessorMeasureId)),
    projects: ids(projects.map((p) => p.predecessorProjectId)),
    kpis: ids(kpiList.map((k) => k.predecessorKpiId)),
  });
  const toFileKpi = (kpi: KpiNode) => fileKpi(kpi, predecessor.kpi(kpi.predecessorKpiId));
  return normalizePlanFile({
    format: PLAN_FILE_FORMAT,
    formatVersion: PLAN_FILE_VERSION,
    organization: { code: org.code, name: org.name, nameEn: org.nameEn ?? undefined },
    plan: {
      code: plan.code,
      name: plan.name,
      nameEn: plan.nameEn ?? undefined,
      periodStartFiscalYear: plan.periodStartFiscalYear,
      periodEndFiscalYear: plan.periodEndFiscalYear,
      source: plan.source ?? undefined,
      adoptedOn: plan.adoptedOn ?? undefined,
    },
    populationVision: tree.populationVision.map((f) => ({
      kind: f.kind,
      label: f.label,
      year: f.year,
      month: f.month ?? undefined,
      value: f.value,
      printed: f.printed ?? undefined,
      note: f.note ?? undefined,
    })),
    departments: [...departments.values()],
    goals: tree.goals.map((goal) => ({
      number: goal.number,
      title: goal.title,
      situation: goal.situation ?? undefined,
      approach: goal.approach ?? undefined,
      numericTargets: goal.numericTargets.map(toFileKpi),
      directions: goal.directions.map((direction) => ({
        code: direction.code,
        title: direction.title,
        measures: direction.measures.map((measure) => ({
          number: measure.number,
          title: measure.title,
          summary: measure.summary ?? undefined,
          audiences: measure.audiences,
          outcomes: measure.outcomes,
          revisions: measure.revisions.map(toRevision),
          predecessor: predecessor.measure(measure.predecessorMeasureId),
          projects: measure.projects.map((project) => ({
            code: project.code,
            name: project.name,
            description: project.description ?? undefined,
            departments: project.departments.map((d) => d.code),
            status: project.status,
            revisions: project.revisions.map(toRevision),
            predecessor: predecessor.project(project.predecessorProjectId),
            kpis: project.kpis.map(toFileKpi),
          })),
        })),
      })),
    })),
  });
}

function fileKpi(kpi: KpiNode, predecessor: PlanFileKpi['predecessor']): PlanFileKpi {
  return {
    code: kpi.code,
    name: kpi.name,
    unit: kpi.unit as UnitSymbol,
    cumulative: kpi.cumulative,
    direction: kpi.direction,
    note: kpi.note ?? undefined,
    dataSource: kpi.dataSourceName ? { name: kpi.dataSourceName } : undefined,
    revisions: kpi.revisions.map(toRevision),
    predecessor,
    values: kpi.values.map((v) => ({
      kind: v.kind,
      fiscalYear: v.fiscalYear,
      yearBasis: v.yearBasis,
      value: v.value,
      cumulative: v.cumulative,
      quality: v.quality,
      cancelled: v.cancelledReason ? { reason: v.cancelledReason } : undefined,
      printed: v.printed ?? undefined,
      note: v.note ?? undefined,
    })),
  };
}

function toRevision(d: DecisionRow): PlanFileRevision {
  return { marker: d.marker, fiscalYear: d.fiscalYear, note: d.rationale ?? undefined };
}
