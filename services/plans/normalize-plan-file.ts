/**
 * The canonical form of a plan file: optional fields left out when they hold their default,
 * so two files that mean the same plan are byte-for-byte equal once canonicalised. The
 * importer hashes this form and the exporter writes it.
 */
import type { PlanFile, PlanFileKpi, PlanFileKpiValue, PlanFileRevision } from './plan-file.ts';

export function normalizePlanFile(file: PlanFile): PlanFile {
  return {
    format: file.format,
    formatVersion: file.formatVersion,
    organization: compact(file.organization),
    plan: compact(file.plan),
    populationVision: file.populationVision.map(compact),
    departments: file.departments.map(compact),
    goals: file.goals.map((goal) =>
      compact({
        ...goal,
        numericTargets: goal.numericTargets.map(normalizeKpi),
        directions: goal.directions.map((direction) =>
          compact({
            ...direction,
            measures: direction.measures.map((measure) =>
              compact({
                ...measure,
                audiences: nonEmpty(measure.audiences),
                outcomes: nonEmpty(measure.outcomes),
                revisions: revisions(measure.revisions),
                projects: measure.projects.map((project) =>
                  compact({
                    ...project,
                    status: project.status === 'active' ? undefined : project.status,
                    revisions: revisions(project.revisions),
                    kpis: project.kpis.map(normalizeKpi),
                  }),
                ),
              }),
            ),
          }),
        ),
      }),
    ),
  };
}

function normalizeKpi(kpi: PlanFileKpi): PlanFileKpi {
  return compact({
    ...kpi,
    dataSource: kpi.dataSource && compact(kpi.dataSource),
    revisions: revisions(kpi.revisions),
    values: kpi.values.map(normalizeValue).sort(byKindYearQuality),
  });
}

function normalizeValue(value: PlanFileKpiValue): PlanFileKpiValue {
  return compact({
    ...value,
    yearBasis: value.yearBasis === 'fiscal' ? undefined : value.yearBasis,
    cumulative: value.cumulative ? true : undefined,
    quality: value.quality === 'final' ? undefined : value.quality,
  });
}

const KIND_ORDER = { baseline: 0, actual: 1, target: 2 } as const;
const QUALITY_ORDER = { provisional: 0, final: 1 } as const;

/** Values in a fixed order (kind, year, quality), the order the exporter reads them in. */
function byKindYearQuality(a: PlanFileKpiValue, b: PlanFileKpiValue): number {
  return (
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    a.fiscalYear - b.fiscalYear ||
    QUALITY_ORDER[a.quality ?? 'final'] - QUALITY_ORDER[b.quality ?? 'final']
  );
}

const revisions = (list: PlanFileRevision[] | undefined) => nonEmpty(list?.map(compact));
const nonEmpty = <T>(list: T[] | undefined): T[] | undefined => (list && list.length > 0 ? list : undefined);

/** Drops keys whose value is undefined or null. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;
}
