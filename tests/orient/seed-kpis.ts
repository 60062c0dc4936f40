/**
 * Real KPIs of the Tomakomai plan, read from the seed plan file, as the Orient engine takes
 * them — so the table tests state the document's own figures.
 */
import { readFileSync } from 'node:fs';
import type { PlanFile, PlanFileKpi, PlanFileProject } from '../../services/plans/plan-file.ts';
import type { AssessContext, KpiInput, KpiValueInput } from '../../services/orient/types.ts';
import { resolvePublicationLags, type PublicationLag } from '../../services/orient/publication-lags.ts';
import { seedSettingsFile } from '../../services/plans/seed-plan.ts';
import { SEED_PLAN_FILE } from '../helpers/test-databases.ts';

const plan = JSON.parse(readFileSync(SEED_PLAN_FILE, 'utf8')) as PlanFile;
const SEED_LAGS = resolvePublicationLags(JSON.parse(readFileSync(seedSettingsFile(SEED_PLAN_FILE)!, 'utf8')));

export const PERIOD = { startFiscalYear: plan.plan.periodStartFiscalYear, endFiscalYear: plan.plan.periodEndFiscalYear };

interface SeedKpi {
  kpi: PlanFileKpi;
  project: PlanFileProject | null;
}

const all: SeedKpi[] = plan.goals.flatMap((g) => [
  ...g.numericTargets.map((kpi) => ({ kpi, project: null })),
  ...g.directions.flatMap((d) => d.measures.flatMap((m) => m.projects.flatMap((project) => project.kpis.map((kpi) => ({ kpi, project }))))),
]);

export const SEED_KPI_CODES = all.map((k) => k.kpi.code);

function find(code: string): SeedKpi {
  const found = all.find((k) => k.kpi.code === code);
  if (!found) throw new Error(`no KPI ${code} in ${SEED_PLAN_FILE}`);
  return found;
}

export function seedKpiName(code: string): string {
  return find(code).kpi.name;
}

/** A KPI as stored (values in force), optionally with extra values and changed fields for a variant. */
export function seedKpi(code: string, change: { values?: (values: KpiValueInput[]) => KpiValueInput[]; direction?: KpiInput['direction'] } = {}): KpiInput {
  const { kpi } = find(code);
  const values: KpiValueInput[] = kpi.values.map((v) => ({
    kind: v.kind,
    fiscalYear: v.fiscalYear,
    yearBasis: v.yearBasis ?? 'fiscal',
    value: v.value,
    cumulative: v.cumulative ?? false,
    quality: v.quality ?? 'final',
    cancelledReason: v.cancelled?.reason ?? null,
  }));
  return {
    unit: kpi.unit,
    cumulative: kpi.cumulative,
    direction: change.direction ?? kpi.direction,
    dataSourceName: kpi.dataSource?.name ?? null,
    values: change.values ? change.values(values) : values,
  };
}

/** The fiscal year from which the KPI's project no longer runs (its 取組終了 decision), if it ended. */
export function seedProjectEnded(code: string): number | null {
  const { project } = find(code);
  if (project?.status !== 'ended') return null;
  return project.revisions?.find((r) => r.marker === 'project_ended')?.fiscalYear ?? null;
}

/** The city's publication-lag setting for a KPI, as the seed settings give it (not plan data). */
export function seedPublicationLag(code: string): PublicationLag | null {
  return SEED_LAGS.get(code) ?? null;
}

export function context(fiscalYear: number, extra: Partial<AssessContext> = {}): AssessContext {
  return { fiscalYear, asOf: '2022-09-30', period: PERIOD, ...extra };
}

export const actual = (fiscalYear: number, value: number, extra: Partial<KpiValueInput> = {}): KpiValueInput => ({ kind: 'actual', fiscalYear, value, ...extra });
